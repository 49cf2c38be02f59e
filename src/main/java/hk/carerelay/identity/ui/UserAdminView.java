package hk.carerelay.identity.ui;

import java.util.Arrays;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import hk.carerelay.identity.Accounts;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.TwoFactorEnrolment;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * Account administration for system administrators: open accounts (a temporary password, the second factor enrolled
 * at first sign-in), deactivate and reactivate (never delete), unlock, reset the password or the second factor.
 */
@Route("admin/users")
@Menu(order = 80, title = "nav.users", icon = "vaadin:users")
@RolesAllowed("SYSADMIN")
public class UserAdminView extends VerticalLayout implements HasDynamicTitle {

    private final Accounts accounts;
    private final TwoFactorEnrolment enrolment;
    private final Directory directory;
    private final CareRelayUser admin;
    private final Grid<Accounts.Summary> grid = new Grid<>();
    private final Div secret = new Div();

    public UserAdminView(Accounts accounts, TwoFactorEnrolment enrolment, Directory directory) {
        this.accounts = accounts;
        this.enrolment = enrolment;
        this.directory = directory;
        this.admin = CurrentUser.require();
        setSizeFull();

        grid.setId("user-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(Accounts.Summary::username).setHeader(getTranslation("users.username")).setAutoWidth(true);
        grid.addColumn(Accounts.Summary::displayName).setHeader(getTranslation("users.name")).setAutoWidth(true);
        grid.addColumn(s -> getTranslation("role." + s.role())).setHeader(getTranslation("users.role")).setAutoWidth(true);
        grid.addColumn(Accounts.Summary::institution).setHeader(getTranslation("users.institution")).setAutoWidth(true);
        grid.addColumn(s -> s.department() == null ? "" : s.department()).setHeader(getTranslation("users.department"))
                .setAutoWidth(true);
        grid.addColumn(this::state).setHeader(getTranslation("users.state")).setAutoWidth(true);
        grid.addComponentColumn(this::actions).setKey("actions").setHeader(getTranslation("tasks.actions"))
                .setAutoWidth(true).setFrozenToEnd(true);
        grid.setSizeFull();

        Button create = new Button(getTranslation("users.create"), e -> openCreate());
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        secret.setId("temporary-password");
        secret.getStyle().set("font-family", "monospace");
        add(new H2(getTranslation("users.title")), create, secret, grid);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.title") + " · CareRelay";
    }

    private void refresh() {
        grid.setItems(accounts.all(admin));
    }

    private String state(Accounts.Summary s) {
        StringBuilder state = new StringBuilder(getTranslation(s.enabled() ? "users.active" : "users.inactive"));
        if (s.lockedUntil() != null && s.lockedUntil().isAfter(java.time.Instant.now())) {
            state.append(", ").append(getTranslation("users.lockedUntil", HongKongTime.format(s.lockedUntil())));
        }
        if (!s.secondFactorEnrolled()) {
            state.append(", ").append(getTranslation("users.notEnrolled"));
        }
        if (s.passwordResetRequired()) {
            state.append(", ").append(getTranslation("users.mustChange"));
        }
        return state.toString();
    }

    private HorizontalLayout actions(Accounts.Summary s) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.add(small(getTranslation(s.enabled() ? "users.deactivate" : "users.reactivate"), "toggle-user",
                () -> accounts.setEnabled(admin, s.username(), !s.enabled())));
        actions.add(small(getTranslation("users.unlock"), "unlock-user", () -> accounts.unlock(admin, s.username())));
        actions.add(small(getTranslation("users.resetPassword"), "reset-password", () -> showTemporary(
                accounts.resetPassword(admin, s.username()))));
        actions.add(small(getTranslation("users.resetSecondFactor"), "reset-second-factor",
                () -> enrolment.reset(admin, s.username())));
        return actions;
    }

    private Button small(String label, String className, Runnable action) {
        Button button = new Button(label, e -> {
            try {
                action.run();
                Notices.success(getTranslation("users.done"));
            } catch (ConflictException | NotFoundException ex) {
                Notices.error(ex.getMessage());
            }
            refresh();
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        button.addClassName(className);
        return button;
    }

    private void showTemporary(Accounts.TemporaryPassword temporary) {
        secret.setText(getTranslation("users.temporary", temporary.username(), temporary.password()));
    }

    private void openCreate() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.create"));
        TextField username = new TextField(getTranslation("users.username"));
        username.setId("new-username");
        TextField name = new TextField(getTranslation("users.name"));
        name.setId("new-display-name");
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("users.role"));
        role.setId("new-role");
        role.setItems(Arrays.asList(Role.values()));
        role.setItemLabelGenerator(r -> r == null ? "" : getTranslation("role." + r));
        Select<Institution> institution = new Select<>();
        institution.setLabel(getTranslation("users.institution"));
        institution.setId("new-institution");
        institution.setItems(directory.institutions());
        institution.setItemLabelGenerator(i -> i == null ? "" : i.code() + " " + i.name(getLocale()));
        ComboBox<Specialty> department = new ComboBox<>(getTranslation("users.department"));
        department.setId("new-department");
        department.setItems(directory.specialties());
        department.setItemLabelGenerator(sp -> sp.name(getLocale()));
        Div errors = new Div();
        errors.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "pre-line");
        errors.setId("create-errors");
        Button save = new Button(getTranslation("users.save"), e -> {
            try {
                Accounts.TemporaryPassword created = accounts.create(admin, new Accounts.Request(username.getValue(),
                        name.getValue(), role.getValue(),
                        institution.getValue() == null ? null : institution.getValue().code(),
                        department.getValue() == null ? null : department.getValue().code()));
                dialog.close();
                showTemporary(created);
                refresh();
            } catch (ValidationException ex) {
                StringBuilder text = new StringBuilder();
                for (FieldError error : ex.errors()) {
                    text.append(getTranslation("users." + error.field(), "")).append(": ").append(error.message())
                            .append('\n');
                }
                errors.setText(text.toString());
            }
        });
        save.setId("save-user");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(username, name, role, institution, department);
        dialog.add(new Paragraph(getTranslation("users.createHelp")), form, errors);
        dialog.getFooter().add(new Button(getTranslation("action.close"), e -> dialog.close()), save);
        dialog.open();
    }
}
