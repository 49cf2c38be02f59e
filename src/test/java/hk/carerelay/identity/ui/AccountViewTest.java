package hk.carerelay.identity.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.identity.Accounts;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.ui.ViewTestSupport;

class AccountViewTest extends ViewTestSupport {

    @Autowired
    Accounts accounts;

    @AfterEach
    void reset() {
        accounts.changeEmailSettings(users.find("nurse.ho").orElseThrow(), null, false);
    }

    @Test
    void aUserTurnsOnEmailNoticesWithAValidAddressOnly() {
        CareRelayUser nurse = signIn("nurse.ho");
        UI.getCurrent().navigate("account");
        _get(AccountView.class);
        TextField email = _get(TextField.class, spec -> spec.withId("email-address"));
        Checkbox notify = _get(Checkbox.class, spec -> spec.withId("email-notify"));
        Button save = _get(Button.class, spec -> spec.withId("save-email-settings"));

        _setValue(notify, true);
        _click(save);
        assertThat(email.isInvalid()).isTrue();
        assertThat(email.getErrorMessage()).contains("is needed for e-mail notices");

        _setValue(email, "nurse.ho@@hsc");
        _click(save);
        assertThat(email.getErrorMessage()).contains("is not an e-mail address");
        assertThat(accounts.emailSettings(nurse).notices()).isFalse();

        _setValue(email, "nurse.ho@hsc.example");
        _click(save);
        assertThat(email.isInvalid()).isFalse();
        assertThat(accounts.emailSettings(nurse)).isEqualTo(new Accounts.EmailSettings("nurse.ho@hsc.example", true));
    }
}
