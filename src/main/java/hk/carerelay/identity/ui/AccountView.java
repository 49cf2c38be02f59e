package hk.carerelay.identity.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import hk.carerelay.identity.Accounts;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.TwoFactorEnrolment;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.PermitAll;

/** The signed-in user's own account: change the password, see and renew the recovery codes, e-mail notices. */
@Route("account")
@Menu(order = 90, title = "nav.account", icon = "vaadin:user")
@PermitAll
public class AccountView extends VerticalLayout implements HasDynamicTitle {

    public AccountView(Accounts accounts, TwoFactorEnrolment enrolment) {
        CareRelayUser user = CurrentUser.require();
        setMaxWidth("36em");
        add(new H2(getTranslation("account.title")));
        if (accounts.mustChangePassword(user)) {
            Paragraph must = new Paragraph(getTranslation("account.mustChange"));
            must.setId("must-change-password");
            must.getStyle().set("color", "var(--lumo-error-text-color)");
            add(must);
        }

        PasswordField current = new PasswordField(getTranslation("account.currentPassword"));
        current.setId("current-password");
        PasswordField next = new PasswordField(getTranslation("account.newPassword"));
        next.setId("new-password");
        next.setHelperText(getTranslation("account.passwordRules"));
        PasswordField repeat = new PasswordField(getTranslation("account.repeatPassword"));
        repeat.setId("repeat-password");
        for (PasswordField f : List.of(current, next, repeat)) {
            f.setWidthFull();
        }
        Button change = new Button(getTranslation("account.changePassword"), e -> {
            current.setInvalid(false);
            next.setInvalid(false);
            repeat.setInvalid(false);
            if (!next.getValue().equals(repeat.getValue())) {
                repeat.setErrorMessage(getTranslation("account.mismatch"));
                repeat.setInvalid(true);
                return;
            }
            try {
                accounts.changePassword(user, current.getValue(), next.getValue());
                current.clear();
                next.clear();
                repeat.clear();
                Notices.success(getTranslation("account.changed"));
                getUI().ifPresent(ui -> ui.getPage().setLocation("/"));
            } catch (ValidationException ex) {
                for (FieldError error : ex.errors()) {
                    PasswordField field = "currentPassword".equals(error.field()) ? current : next;
                    field.setErrorMessage(error.message());
                    field.setInvalid(true);
                }
            }
        });
        change.setId("change-password");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H3(getTranslation("account.password")), current, next, repeat, change);

        Paragraph remaining = new Paragraph(getTranslation("account.recoveryRemaining",
                enrolment.remainingRecoveryCodes(user)));
        remaining.setId("recovery-remaining");
        Div codes = new Div();
        codes.setId("new-recovery-codes");
        codes.getStyle().set("font-family", "monospace").set("white-space", "pre");
        Button renew = new Button(getTranslation("account.renewRecovery"), e -> {
            codes.setText(String.join("\n", enrolment.renewRecoveryCodes(user)));
            remaining.setText(getTranslation("account.recoveryRemaining", enrolment.remainingRecoveryCodes(user)));
        });
        renew.setId("renew-recovery-codes");
        add(new H3(getTranslation("account.recovery")), remaining, renew, codes);

        Accounts.EmailSettings settings = accounts.emailSettings(user);
        TextField email = new TextField(getTranslation("account.emailAddress"));
        email.setId("email-address");
        email.setWidthFull();
        email.setMaxLength(254);
        email.setValue(settings.email() == null ? "" : settings.email());
        Checkbox notify = new Checkbox(getTranslation("account.emailNotify"), settings.notices());
        notify.setId("email-notify");
        Paragraph help = new Paragraph(getTranslation("account.emailHelp"));
        Button save = new Button(getTranslation("account.emailSave"), e -> {
            email.setInvalid(false);
            try {
                accounts.changeEmailSettings(user, email.getValue(), notify.getValue());
                Notices.success(getTranslation("account.emailSaved"));
            } catch (ValidationException ex) {
                email.setErrorMessage(ex.errors().stream().map(FieldError::message).distinct()
                        .reduce((a, b) -> a + "; " + b).orElse(""));
                email.setInvalid(true);
            }
        });
        save.setId("save-email-settings");
        add(new H3(getTranslation("account.email")), help, email, notify, save);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.title") + " · CareRelay";
    }
}
