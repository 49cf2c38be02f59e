package hk.carerelay.discharge.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.discharge.DischargeFixtures;
import hk.carerelay.discharge.DischargeHandover;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

class DischargeViewsTest extends ViewTestSupport {

    @Autowired
    DischargeHandovers handovers;

    @Autowired
    WorkflowTasks tasks;

    @Test
    @SuppressWarnings("unchecked")
    void aHospitalDoctorSendsASummaryWithMedicationRowsFromTheView() {
        CareRelayUser doctor = signIn("dr.lee");
        int before = handovers.mine(doctor).size();
        UI.getCurrent().navigate("discharges/new");

        _setValue(_get(TextField.class, spec -> spec.withId("hkid")), "D123456(1)");
        _setValue(_get(TextField.class, spec -> spec.withId("patient-name")), "View Test Patient");
        _setValue(_get(DatePicker.class, spec -> spec.withId("date-of-birth")), LocalDate.of(1950, 1, 2));
        ComboBox<CareRelayUser> familyDoctor = _get(ComboBox.class, spec -> spec.withId("family-doctor"));
        _setValue(familyDoctor, users.find("gp.chan").orElseThrow());
        _setValue(_get(DatePicker.class, spec -> spec.withId("field-dischargedOn")), LocalDate.now(HongKongTime.ZONE));
        _setValue(_get(TextArea.class, spec -> spec.withId("field-admissionReason")), "Heart failure, diuresed.");
        _setValue(_get(TextField.class, spec -> spec.withId("field-diagnoses-0-diagnosis")), "Heart failure");
        _setValue(_get(Select.class, spec -> spec.withId("field-diagnoses-0-kind")), "PRINCIPAL");
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-0-drug")), "Furosemide");
        _setValue(_get(Select.class, spec -> spec.withId("field-medications-0-change")), "STOPPED");
        _assertNone(TextField.class, spec -> spec.withId("field-medications-0-dose"));
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-0-changeReason")), "Euvolaemic");
        _setValue(_get(TextArea.class, spec -> spec.withId("field-followUpPlan")), "Weigh daily.");
        _click(_get(Button.class, spec -> spec.withId("add-followUpItems")));
        _setValue(_get(TextField.class, spec -> spec.withId("field-followUpItems-0-action")), "Check weight and renal function");
        _setValue(_get(com.vaadin.flow.component.radiobutton.RadioButtonGroup.class,
                spec -> spec.withId("field-followUpItems-0-dueKind")), "INTERVAL");
        _setValue(_get(com.vaadin.flow.component.textfield.NumberField.class,
                spec -> spec.withId("field-followUpItems-0-dueInDays")), 14.0);
        _click(_get(Button.class, spec -> spec.withId("send-discharge")));

        assertThat(_get(H2.class, spec -> spec.withId("discharge-title")).getText()).contains("View Test Patient");
        List<DischargeHandover> mine = handovers.mine(doctor);
        assertThat(mine).hasSize(before + 1);
        DischargeHandovers.Details details = handovers.details(doctor, mine.get(0).id());
        assertThat(details.handover().familyDoctor()).isEqualTo("gp.chan");
        assertThat(details.summary().get("medications"))
                .isEqualTo(List.of(Map.of("drug", "Furosemide", "change", "STOPPED", "changeReason", "Euvolaemic")));
        assertThat(details.followUps()).singleElement()
                .satisfies(f -> assertThat(f.dueOn()).isEqualTo(LocalDate.now(HongKongTime.ZONE).plusDays(14)));
    }

    @Test
    void theServersErrorsAreShownOnThePatientFieldsAndInTheSummaryForm() {
        signIn("dr.lee");
        UI.getCurrent().navigate("discharges/new");
        _click(_get(Button.class, spec -> spec.withId("send-discharge")));

        assertThat(_get(TextField.class, spec -> spec.withId("hkid")).isInvalid()).isTrue();
        assertThat(_get(DatePicker.class, spec -> spec.withId("field-dischargedOn")).isInvalid()).isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("field-diagnoses-0-diagnosis")).isInvalid()).isTrue();
    }

    @Test
    void theFamilyDoctorReadsTheHandoverAndAcknowledgesItFromTheTaskList() {
        DischargeHandover handover = handovers.start(users.find("dr.lee").orElseThrow(), DischargeFixtures.request(
                "gp.chan", null, DischargeFixtures.summary(LocalDate.now(HongKongTime.ZONE), List.of(), List.of())));
        CareRelayUser gp = signIn("gp.chan");
        UI.getCurrent().navigate("discharges/" + handover.id());
        _get(Div.class, spec -> spec.withId("discharge-summary"));
        assertThat(_get(Div.class, spec -> spec.withId("discharge-summary")).getElement().getTextRecursively())
                .contains("Gliclazide").contains("Hypoglycaemia");
        assertThat(_get(Paragraph.class, spec -> spec.withId("discharge-meta")).getText())
                .as("people and the hospital by name").contains("Dr Lee Ka Fai (dr.lee)")
                .contains("Dr Chan Siu Ming (gp.chan)").contains("Harbour Specialist Centre");

        TaskView acknowledge = tasks.openTasksOfCase(gp, handover.id()).get(0);
        UI.getCurrent().navigate("tasks/" + acknowledge.id());
        TextField patient = _get(TextField.class, spec -> spec.withId("field-patientName"));
        assertThat(patient.getValue()).isEqualTo("Discharge Test Patient");
        assertThat(patient.isReadOnly()).isTrue();
        _setValue(_get(com.vaadin.flow.component.checkbox.Checkbox.class, spec -> spec.withId("field-reviewed")), true);
        _click(_get(Button.class, spec -> spec.withId("submit-task")));

        assertThat(tasks.openTasksOfCase(gp, handover.id())).isEmpty();
    }

    @Test
    void aColleagueWhoIsNoParticipantSeesNothing() {
        DischargeHandover handover = handovers.start(users.find("dr.lee").orElseThrow(), DischargeFixtures.request(
                "gp.chan", null, DischargeFixtures.summary(LocalDate.now(HongKongTime.ZONE), List.of(), List.of())));
        signIn("nurse.ho");
        UI.getCurrent().navigate("discharges/" + handover.id());

        _get(H2.class, spec -> spec.withId("discharge-unavailable"));
        _assertNone(Div.class, spec -> spec.withId("discharge-summary"));
    }
}
