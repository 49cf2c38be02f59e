package hk.carerelay.consent.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.consent.Consent;
import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.consent.ConsentStatus;
import hk.carerelay.consent.SubstituteRelationship;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.ui.SignaturePad;
import hk.carerelay.ui.ViewTestSupport;

/**
 * The consent capture view, browserless: the signature arrives as the canvas's script sends it (a PNG data URL to
 * {@link SignaturePad#signed}); the consent form's decision, witness and substitute fields behave as the clinic needs.
 */
class ConsentCaptureViewTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    ConsentService consents;

    private Referral send(String dateOfBirth) {
        return referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient(ConsentFixtures.newHkid(), "Capture Patient", dateOfBirth), "HSC",
                "CARDIOLOGY", "ROUTINE", "Review", "Summary for the consent view test."));
    }

    @Test
    void theDoctorRecordsAGrantedConsentWithTheDrawnSignatureAsWitness() {
        Referral referral = send("1960-01-01");
        CareRelayUser gp = signIn("gp.chan");
        UI.getCurrent().navigate("referrals/" + referral.id() + "/consent");

        assertThat(_get(Paragraph.class, spec -> spec.withId("consent-none")).getText()).contains("administrative");
        assertThat(_get(Paragraph.class, spec -> spec.withId("consent-witness")).getText()).contains("gp.chan");
        _assertNone(TextField.class, spec -> spec.withId("field-substituteName"));
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-decision")), "GRANTED");

        _click(_get(Button.class, spec -> spec.withId("record-consent")));
        SignaturePad pad = _get(SignaturePad.class, spec -> spec.withId("field-signature"));
        assertThat(pad.isInvalid()).isTrue();
        assertThat(pad.getErrorMessage()).contains("required");
        assertThat(consents.forReferral(gp, referral.id())).isEmpty();

        pad.signed(ConsentFixtures.blankSignature());
        _click(_get(Button.class, spec -> spec.withId("record-consent")));
        assertThat(pad.getErrorMessage()).as("an empty canvas is no signature").contains("nothing was drawn");
        assertThat(consents.forReferral(gp, referral.id())).isEmpty();

        pad.signed(ConsentFixtures.signature());
        _click(_get(Button.class, spec -> spec.withId("record-consent")));

        assertThat(consents.forReferral(gp, referral.id())).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ConsentStatus.GRANTED);
            assertThat(c.witness()).isEqualTo("gp.chan");
        });
        assertThat(_get(Grid.class, spec -> spec.withId("consent-grid")).getGenericDataView().getItems().count())
                .isEqualTo(1);
        assertThat(referrals.get(users.find("coord.wong").orElseThrow(), referral.id()).clinicalSummary())
                .isNotNull();
    }

    @Test
    void withoutCapacityTheSubstituteDecisionMakerIsAskedForAndRecorded() {
        Referral referral = send("1948-01-01");
        CareRelayUser gp = signIn("gp.chan");
        UI.getCurrent().navigate("referrals/" + referral.id() + "/consent");

        _assertNone(TextField.class, spec -> spec.withId("field-substituteName"));
        _assertNone(TextField.class, spec -> spec.withId("field-patientUnder16"));
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-patientHasCapacity")), "false");
        assertThat(_get(TextField.class, spec -> spec.withId("field-substituteName")).isVisible()).isTrue();
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-decision")), "GRANTED");
        _get(SignaturePad.class).signed(ConsentFixtures.signature());
        _click(_get(Button.class, spec -> spec.withId("record-consent")));
        assertThat(_get(TextField.class, spec -> spec.withId("field-substituteName")).isInvalid()).isTrue();
        assertThat(consents.forReferral(gp, referral.id())).isEmpty();

        _setValue(_get(TextField.class, spec -> spec.withId("field-substituteName")), "Chan Ka Yee");
        _setValue(_get(Select.class, spec -> spec.withId("field-substituteRelationship")), "CHILD");
        _click(_get(Button.class, spec -> spec.withId("record-consent")));

        Consent consent = consents.forReferral(gp, referral.id()).get(0);
        assertThat(consent.patientHasCapacity()).isFalse();
        assertThat(consent.substituteName()).isEqualTo("Chan Ka Yee");
        assertThat(consent.substituteRelationship()).isEqualTo(SubstituteRelationship.CHILD);
    }

    @Test
    void forAChildTheSubstituteFieldsShowAtOnceAndAWithdrawalStopsSharing() {
        Referral referral = send(LocalDate.now(HongKongTime.ZONE).minusYears(8).toString());
        CareRelayUser gp = signIn("gp.chan");
        UI.getCurrent().navigate("referrals/" + referral.id() + "/consent");
        assertThat(_get(TextField.class, spec -> spec.withId("field-substituteName")).isVisible()).isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("field-patientUnder16")).getValue()).isEqualTo("Yes");

        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-decision")), "GRANTED");
        _setValue(_get(TextField.class, spec -> spec.withId("field-substituteName")), "Lee Mei");
        _setValue(_get(Select.class, spec -> spec.withId("field-substituteRelationship")), "SPOUSE");
        _get(SignaturePad.class).signed(ConsentFixtures.signature());
        _click(_get(Button.class, spec -> spec.withId("record-consent")));
        assertThat(_get(Select.class, spec -> spec.withId("field-substituteRelationship")).getErrorMessage())
                .as("the server's rule, shown on the field").contains("PARENT or LEGAL_GUARDIAN");
        assertThat(consents.forReferral(gp, referral.id())).isEmpty();
        _setValue(_get(Select.class, spec -> spec.withId("field-substituteRelationship")), "PARENT");
        _get(SignaturePad.class).signed(ConsentFixtures.signature());
        _click(_get(Button.class, spec -> spec.withId("record-consent")));
        Consent consent = consents.forReferral(gp, referral.id()).get(0);
        assertThat(consent.status()).isEqualTo(ConsentStatus.GRANTED);

        _click(_get(Button.class, spec -> spec.withId("withdraw-" + consent.id())));
        _setValue(_get(TextArea.class, spec -> spec.withId("withdraw-reason")), "The parent withdrew consent");
        _click(_get(Button.class, spec -> spec.withId("confirm-withdrawal")));

        assertThat(consents.get(gp, consent.id()).status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(referrals.get(users.find("coord.wong").orElseThrow(), referral.id()).clinicalSummary()).isNull();
    }
}
