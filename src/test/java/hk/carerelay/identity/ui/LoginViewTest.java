package hk.carerelay.identity.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.NewUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.Totp;
import hk.carerelay.ui.ViewTestSupport;

class LoginViewTest extends ViewTestSupport {

    @Test
    void demoHintShowsTheCodeThatWorksNow() {
        UI.getCurrent().navigate("login");
        String hint = _get(Div.class, spec -> spec.withId("demo-hint")).getText();
        assertThat(hint).contains("CareRelay-demo-1");
        String code = hint.replaceAll(".*?(\\d{6}).*", "$1");
        assertThat(Totp.verify("JBSWY3DPEHPK3PXP", code, Instant.now())).as("shown code is valid now: " + code).isTrue();
    }

    @Test
    void theFirstSignInEnrolsTheAuthenticatorAndShowsRecoveryCodesOnce() {
        if (!users.exists("nurse.firsttime")) {
            users.create(new NewUser("nurse.firsttime", "First Time", "CareRelay-demo-1", null, Role.NURSE, "HSC",
                    "CARDIOLOGY"));
        }
        UI.getCurrent().navigate("login");
        _setValue(_get(TextField.class, spec -> spec.withId("username")), "nurse.firsttime");
        _setValue(_get(PasswordField.class, spec -> spec.withId("password")), "CareRelay-demo-1");
        _click(_get(Button.class, spec -> spec.withId("sign-in")));

        _get(Image.class, spec -> spec.withId("enrol-qr"));
        String secret = _get(Div.class, spec -> spec.withId("enrol-secret")).getText().replace(" ", "");
        _setValue(_get(TextField.class, spec -> spec.withId("enrol-code")), "000000");
        _click(_get(Button.class, spec -> spec.withId("enrol-confirm")));
        assertThat(_get(Div.class, spec -> spec.withId("enrol-error")).getText()).contains("does not match");

        _setValue(_get(TextField.class, spec -> spec.withId("enrol-code")), Totp.codeAt(secret, Instant.now()));
        _click(_get(Button.class, spec -> spec.withId("enrol-confirm")));
        String[] codes = _get(Div.class, spec -> spec.withId("recovery-codes")).getText().split("\n");
        assertThat(codes).hasSize(10);
        Button go = _get(Button.class, spec -> spec.withId("recovery-continue"));
        assertThat(go.isEnabled()).as("only after the user says the codes are saved").isFalse();
        _setValue(_get(Checkbox.class, spec -> spec.withId("recovery-saved")), true);
        assertThat(go.isEnabled()).isTrue();
    }

    @Test
    void aWrongCodeFailsWithoutSayingWhichFactorWasWrong() {
        UI.getCurrent().navigate("login");
        _setValue(_get(TextField.class, spec -> spec.withId("username")), "coord.wong");
        _setValue(_get(PasswordField.class, spec -> spec.withId("password")), "CareRelay-demo-1");
        String wrong = Totp.codeAt("JBSWY3DPEHPK3PXP", Instant.now().plusSeconds(300));
        _setValue(_get(TextField.class, spec -> spec.withId("code")), wrong);
        _click(_get(Button.class, spec -> spec.withId("sign-in")));

        Div error = _get(Div.class, spec -> spec.withId("login-error"));
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("Sign-in failed: the username, password or code is not correct.");
        assertThat(CurrentUser.get()).isEmpty();
        assertThat(_get(PasswordField.class, spec -> spec.withId("password")).getValue()).isEmpty();
    }
}
