package hk.carerelay.consultation.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.access.RecordSection;
import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.WorkflowTasks;

/** A cardiologist asks endocrinology from a referral page, the endocrinologist answers, the requester reads it. */
class ConsultationViewsTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    ConsultationService consultations;
    @Autowired
    WorkflowTasks tasks;

    @Test
    @SuppressWarnings("unchecked")
    void aDoctorAsksFromAReferralAndReadsTheOpinion() {
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        Referral referral = referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("A123456(3)", "Chan Tai Man", "1958-03-14"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Exertional chest tightness", "Hypertension on amlodipine; resting ECG normal."));
        CareRelayUser cardiologist = signIn("dr.lee");
        UI.getCurrent().navigate("referrals/" + referral.id());
        assertThat(_find(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("ask-consultation")))
                .as("the referral page offers the consultation").hasSize(1);

        String href = _get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("ask-consultation"))
                .getHref();
        assertThat(href).isEqualTo("consultations?referral=" + referral.id());
        UI.getCurrent().navigate("consultations",
                com.vaadin.flow.router.QueryParameters.simple(Map.of("referral", referral.id())));
        assertThat(_get(TextField.class, spec -> spec.withId("field-referralId")).getValue())
                .isEqualTo(referral.id());
        assertThat(_find(TextField.class, spec -> spec.withId("field-patientHkid")))
                .as("with a referral no HKID is asked for").isEmpty();
        Select<String> department = _get(Select.class, spec -> spec.withId("field-consultedDepartment"));
        assertThat(department.getListDataView().getItems().toList()).as("every department but one's own")
                .contains("ENDOCRINOLOGY").doesNotContain("CARDIOLOGY");
        _setValue(department, "ENDOCRINOLOGY");
        _setValue(_get(TextArea.class, spec -> spec.withId("field-question")),
                "New diabetes before angiography: please advise.");
        CheckboxGroup<String> shared = _get(CheckboxGroup.class, spec -> spec.withId("field-sharedSections"));
        _setValue(shared, Set.of(RecordSection.REFERRAL_SUMMARY.name()));
        _click(_get(Button.class, spec -> spec.withId("send-consultation")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("consultation-question-text")).getText())
                .contains("angiography");

        Consultation asked = consultations.list(cardiologist, "mine").get(0);
        CareRelayUser endocrinologist = users.find("dr.lau").orElseThrow();
        String answer = tasks.openTasksOfCase(endocrinologist, asked.id()).get(0).id();
        tasks.complete(endocrinologist, answer, Map.of("opinion", "Start metformin.", "recommendation",
                "ADVICE_ONLY"));

        UI.getCurrent().navigate("consultations/" + asked.id());
        assertThat(_get(Paragraph.class, spec -> spec.withId("consultation-opinion-text")).getText())
                .isEqualTo("Start metformin.");
        assertThat(_find(Button.class, spec -> spec.withId("cancel-consultation"))).as("answered: no cancel")
                .isEmpty();
        assertThat(_get(Span.class, spec -> spec.withId("consultation-status")).getText())
                .isEqualTo("Opinion given");
    }

    @Test
    void aDoctorOfAnotherHospitalIsToldItDoesNotExist() {
        CareRelayUser cardiologist = users.find("dr.lee").orElseThrow();
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        Referral referral = referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("A123456(3)", "Chan Tai Man", "1958-03-14"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Exertional chest tightness", "Hypertension on amlodipine; resting ECG normal."));
        Consultation asked = consultations.request(cardiologist, new hk.carerelay.consultation.ConsultationRequest(
                "ENDOCRINOLOGY", "ROUTINE", "Please advise.", referral.id(), java.util.List.of(), null));
        signIn("dr.kwok");
        UI.getCurrent().navigate("consultations/" + asked.id());
        assertThat(_find(Paragraph.class, spec -> spec.withId("consultation-question-text"))).isEmpty();
        assertThat(_get(com.vaadin.flow.component.html.H2.class).getText()).isEqualTo("Consultation not found");
    }

    @Test
    void withoutAReferralTheFormAsksForARegisteredPatientsHkidAndTheServerChecksIt() {
        signIn("dr.lee");
        UI.getCurrent().navigate("consultations");
        assertThat(_find(CheckboxGroup.class, spec -> spec.withId("field-sharedSections")))
                .as("sections are shared only from a referral").isEmpty();
        _setValue(_get(Select.class, spec -> spec.withId("field-consultedDepartment")), "ENDOCRINOLOGY");
        _setValue(_get(TextArea.class, spec -> spec.withId("field-question")), "HbA1c 9.1%: please advise.");
        _click(_get(Button.class, spec -> spec.withId("send-consultation")));
        TextField hkid = _get(TextField.class, spec -> spec.withId("field-patientHkid"));
        assertThat(hkid.getErrorMessage()).isEqualTo("is required");

        _setValue(hkid, "Z999999(9)");
        _click(_get(Button.class, spec -> spec.withId("send-consultation")));
        assertThat(hkid.getErrorMessage()).as("the server's rule, shown on the form's field")
                .isEqualTo("is not a registered patient's HKID");
        assertThat(_find(Paragraph.class, spec -> spec.withId("consultation-question-text"))).isEmpty();
    }
}
