package hk.carerelay.referral.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.ui.ViewTestSupport;

class NewReferralViewTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;

    @Autowired
    Directory directory;

    @Test
    @SuppressWarnings("unchecked")
    void badHkidIsNamedOnItsFieldAndNothingIsSent() {
        CareRelayUser gp = signIn("gp.chan");
        long before = referrals.count(gp, null);
        UI.getCurrent().navigate("referrals/new");

        _setValue(_get(TextField.class, spec -> spec.withId("hkid")), "A123456(4)");
        _setValue(_get(TextField.class, spec -> spec.withId("patient-name")), "Bad Check Digit");
        _click(_get(Button.class, spec -> spec.withId("send-referral")));

        TextField hkid = _get(TextField.class, spec -> spec.withId("hkid"));
        assertThat(hkid.isInvalid()).isTrue();
        assertThat(hkid.getErrorMessage()).contains("HKID");
        assertThat(_get(TextArea.class, spec -> spec.withId("clinical-summary")).isInvalid()).isTrue();
        assertThat(referrals.count(gp, null)).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCompleteLetterIsSentAndOpened() {
        CareRelayUser gp = signIn("gp.chan");
        long before = referrals.count(gp, null);
        UI.getCurrent().navigate("referrals/new");

        _setValue(_get(TextField.class, spec -> spec.withId("hkid")), "xa271828(3)");
        _setValue(_get(TextField.class, spec -> spec.withId("patient-name")), "Kwok Ming");
        _setValue(_get(DatePicker.class, spec -> spec.withId("date-of-birth")), LocalDate.of(1966, 8, 1));
        Select<Institution> receiving = _get(Select.class, spec -> spec.withId("receiving-institution"));
        _setValue(receiving, directory.institution("HSC").orElseThrow());
        ComboBox<Specialty> specialty = _get(ComboBox.class, spec -> spec.withId("specialty"));
        _setValue(specialty, directory.specialty("ENDOCRINOLOGY").orElseThrow());
        _setValue(_get(TextField.class, spec -> spec.withId("reason")), "Hypercalcaemia");
        _setValue(_get(TextArea.class, spec -> spec.withId("clinical-summary")), "Corrected calcium 2.9 mmol/L, PTH high.");
        _click(_get(Button.class, spec -> spec.withId("send-referral")));

        assertThat(referrals.count(gp, null)).isEqualTo(before + 1);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).startsWith("referrals/");
        _get(ReferralDetailView.class);
    }

    @Test
    void onlyReferringDoctorsMayOpenTheForm() {
        signIn("coord.wong");
        // Karibu turns the router's denial into an error when the view is looked for.
        assertThatThrownBy(() -> {
            UI.getCurrent().navigate("referrals/new");
            _get(NewReferralView.class);
        }).hasMessageContaining("AccessDeniedException");
    }
}
