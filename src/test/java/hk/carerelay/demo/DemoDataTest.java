package hk.carerelay.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import hk.carerelay.ApplicationTest;
import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.consultation.ConsultationStatus;
import hk.carerelay.discharge.DischargeHandover;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * The demo seeds what the "done means" clicks through: a cross-department consultation answered and one
 * waiting, and a discharge handover from HSC to gp.chan with its follow-up tasks, all made through the services.
 */
@ApplicationTest
class DemoDataTest {

    @Autowired
    UserDirectory users;
    @Autowired
    ConsultationService consultations;
    @Autowired
    DischargeHandovers discharges;
    @Autowired
    WorkflowTasks tasks;

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }

    @Test
    void cardiologyHasAskedEndocrinologyOnceAnsweredAndOnceWaitingForDrLau() {
        List<Consultation> asked = consultations.list(user("dr.lee"), "mine").stream()
                .filter(c -> c.consultedDepartment().equals("ENDOCRINOLOGY")).toList();
        Consultation answered = asked.stream().filter(c -> c.referralId() != null
                && c.status() == ConsultationStatus.ANSWERED).findFirst().orElseThrow();
        assertThat(answered.answeredBy()).isEqualTo("dr.lau");
        assertThat(tasks.openTasksOfCase(user("dr.lee"), answered.id())).extracting(TaskView::taskKey)
                .containsExactly("Task_AcknowledgeOpinion");

        Consultation waiting = asked.stream().filter(c -> c.referralId() == null
                && c.status() == ConsultationStatus.REQUESTED && c.urgency().equals("URGENT")).findFirst().orElseThrow();
        assertThat(tasks.openTasksOfCase(user("dr.lau"), waiting.id())).extracting(TaskView::taskKey)
                .containsExactly("Task_AnswerConsultation");
    }

    @Test
    void hscHasHandedADischargedPatientBackToGpChanWithFollowUpTasks() {
        CareRelayUser gp = user("gp.chan");
        DischargeHandover handover = discharges.mine(gp).stream()
                .filter(h -> "HSC".equals(h.hospital()) && h.referralId() != null).findFirst().orElseThrow();
        DischargeHandovers.Details details = discharges.details(gp, handover.id());
        assertThat(details.followUps()).hasSize(2);
        assertThat(details.results()).extracting(DischargeHandovers.ResultItem::test).containsExactly("24-hour Holter");
        assertThat(tasks.openTasksOfCase(gp, handover.id())).extracting(TaskView::taskKey)
                .contains("Task_AcknowledgeHandover", "Task_CompleteFollowUp");
    }
}
