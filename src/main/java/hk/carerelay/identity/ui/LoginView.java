package hk.carerelay.identity.ui;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;

import java.io.ByteArrayInputStream;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.EnrolmentRequired;
import hk.carerelay.identity.SignInHint;
import hk.carerelay.identity.TwoFactorAuthentication;
import hk.carerelay.identity.TwoFactorEnrolment;
import hk.carerelay.ui.LanguageSwitch;

/**
 * Sign-in with username, password and the six-digit code from the user's authenticator app (or a recovery code). All
 * three are checked together and a failure never says which was wrong. At the first sign-in the user enrols the
 * authenticator (QR code and text) and receives recovery codes. A new session id is issued at sign-in.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AuthenticationManager authenticationManager;
    private final SecurityContextRepository securityContextRepository;
    private final AuditLog audit;
    private final TwoFactorEnrolment enrolment;

    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField code = new TextField();
    private final Div error = new Div();

    public LoginView(AuthenticationManager authenticationManager, SecurityContextRepository securityContextRepository,
            AuditLog audit, TwoFactorEnrolment enrolment, ObjectProvider<SignInHint> hint) {
        this.authenticationManager = authenticationManager;
        this.securityContextRepository = securityContextRepository;
        this.audit = audit;
        this.enrolment = enrolment;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        H1 title = new H1("CareRelay");
        Paragraph subtitle = new Paragraph(getTranslation("login.subtitle"));

        username.setLabel(getTranslation("login.username"));
        username.setId("username");
        username.setAutofocus(true);
        username.setRequired(true);
        username.getElement().setAttribute("autocomplete", "username");
        password.setLabel(getTranslation("login.password"));
        password.setId("password");
        password.setRequired(true);
        password.getElement().setAttribute("autocomplete", "current-password");
        code.setLabel(getTranslation("login.code"));
        code.setHelperText(getTranslation("login.codeHelp"));
        code.setId("code");
        code.setMaxLength(11);
        code.setAllowedCharPattern("[0-9A-Za-z-]");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        for (TextField f : new TextField[] {username, code}) {
            f.setWidthFull();
        }
        password.setWidthFull();

        error.setId("login-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);

        Button signIn = new Button(getTranslation("login.signIn"), e -> signIn());
        signIn.setId("sign-in");
        signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        signIn.addClickShortcut(Key.ENTER);
        signIn.setWidthFull();

        VerticalLayout form = new VerticalLayout(title, subtitle, username, password, code, error, signIn);
        form.setWidth("22em");
        form.setPadding(false);
        add(form);

        SignInHint demoHint = hint.getIfAvailable();
        if (demoHint != null) {
            Div hintBox = new Div();
            hintBox.setId("demo-hint");
            hintBox.setText(demoHint.text(UI.getCurrent().getLocale()));
            hintBox.setWidth("22em");
            hintBox.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
            Button refresh = new Button(getTranslation("login.refreshCode"),
                    e -> hintBox.setText(demoHint.text(UI.getCurrent().getLocale())));
            refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            refresh.setId("refresh-demo-code");
            add(hintBox, refresh);
        }
        add(new LanguageSwitch());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            event.forwardTo("");
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · CareRelay";
    }

    private void signIn() {
        error.setVisible(false);
        try {
            Authentication auth = authenticationManager.authenticate(TwoFactorAuthentication.unauthenticated(
                    username.getValue().strip(), password.getValue(), code.getValue().strip()));
            establishSession(auth, "ui");
        } catch (EnrolmentRequired required) {
            showEnrolment(enrolment.begin(required));
        } catch (AuthenticationException e) {
            audit.signInFailed(username.getValue().strip());
            password.clear();
            code.clear();
            error.setText(getTranslation("login.failed"));
            error.setVisible(true);
        }
    }

    private void establishSession(Authentication auth, String channel) {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        VaadinServletResponse response = VaadinServletResponse.getCurrent();
        // New session id at sign-in (session fixation); Vaadin carries its session state across.
        VaadinService.reinitializeSession(request);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        securityContextRepository.saveContext(context, request.getHttpServletRequest(),
                response.getHttpServletResponse());
        audit.record((CareRelayUser) auth.getPrincipal(), AuditAction.SIGN_IN, channel);
        UI.getCurrent().getPage().setLocation("/");
    }

    /** First sign-in: the new secret as QR code and text; a correct code completes enrolment and signs in. */
    private void showEnrolment(TwoFactorEnrolment.Enrolment started) {
        removeAll();
        VerticalLayout panel = new VerticalLayout();
        panel.setWidth("26em");
        panel.setPadding(false);
        panel.add(new H1(getTranslation("enrol.title")), new Paragraph(getTranslation("enrol.instructions")));
        Image qr = new Image(new StreamResource("enrol-qr.png", () -> new ByteArrayInputStream(started.qrPng())),
                getTranslation("enrol.qrAlt"));
        qr.setId("enrol-qr");
        qr.setWidth("240px");
        Div secret = new Div();
        secret.setId("enrol-secret");
        secret.setText(started.secret().replaceAll("(.{4})", "$1 ").strip());
        secret.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-l)");
        TextField enrolCode = new TextField(getTranslation("login.code"));
        enrolCode.setId("enrol-code");
        enrolCode.setMaxLength(6);
        enrolCode.setAllowedCharPattern("[0-9]");
        Div enrolError = new Div();
        enrolError.setId("enrol-error");
        enrolError.getStyle().set("color", "var(--lumo-error-text-color)");
        Button confirm = new Button(getTranslation("enrol.confirm"), e -> {
            try {
                TwoFactorEnrolment.Enrolled enrolled = enrolment.confirm(started, enrolCode.getValue().strip());
                showRecoveryCodes(enrolled);
            } catch (AuthenticationException ex) {
                enrolError.setText(getTranslation("enrol.wrongCode"));
            }
        });
        confirm.setId("enrol-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        panel.add(qr, new Paragraph(getTranslation("enrol.secretText")), secret, enrolCode, enrolError, confirm);
        add(panel);
    }

    private void showRecoveryCodes(TwoFactorEnrolment.Enrolled enrolled) {
        removeAll();
        VerticalLayout panel = new VerticalLayout();
        panel.setWidth("26em");
        panel.setPadding(false);
        Div codes = new Div();
        codes.setId("recovery-codes");
        codes.getStyle().set("font-family", "monospace").set("white-space", "pre");
        codes.setText(String.join("\n", enrolled.recoveryCodes()));
        Checkbox saved = new Checkbox(getTranslation("enrol.saved"));
        saved.setId("recovery-saved");
        Button go = new Button(getTranslation("enrol.continue"), e -> establishSession(enrolled.authentication(), "ui"));
        go.setId("recovery-continue");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.setEnabled(false);
        saved.addValueChangeListener(e -> go.setEnabled(e.getValue()));
        panel.add(new H1(getTranslation("enrol.recoveryTitle")), new Paragraph(getTranslation("enrol.recoveryText")),
                codes, saved, go);
        add(panel);
    }
}
