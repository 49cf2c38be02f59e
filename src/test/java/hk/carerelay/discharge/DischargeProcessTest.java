package hk.carerelay.discharge;

import static hk.carerelay.discharge.DischargeFixtures.inDays;
import static hk.carerelay.discharge.DischargeFixtures.onDate;
import static hk.carerelay.discharge.DischargeFixtures.request;
import static hk.carerelay.discharge.DischargeFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.notification.Notification;
import hk.carerelay.notification.Notifications;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Every path of discharge-handover.bpmn, driven as users drive it: the hospital doctor through
 * {@link DischargeHandovers}, the family doctor through the task path.
 */
@ApplicationTest
class DischargeProcessTest {

    private static final String ACKNOWLEDGE = "Task_AcknowledgeHandover";
    private static final String FOLLOW_UP = "Task_CompleteFollowUp";
    private static final String REVIEW_RESULT = "Task_ReviewLateResult";

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    DischargeHandovers handovers;
    @Autowired
    ReferralService referrals;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    Notifications notifications;
    @Autowired
    UserDirectory users;

    CareRelayUser hospitalDoctor;
    CareRelayUser familyDoctor;
    CareRelayUser nurse;
    CareRelayUser otherHospital;
    LocalDate today;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        today = LocalDate.now(HongKongTime.ZONE);
        hospitalDoctor = users.find("dr.lee").orElseThrow();
        familyDoctor = users.find("gp.chan").orElseThrow();
        nurse = users.find("nurse.ho").orElseThrow();
        otherHospital = users.find("dr.kwok").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void theFamilyDoctorAcknowledgesAndAHandoverWithNothingElseCloses() {
        long sentBefore = count(familyDoctor, "notification.discharge.sent");
        DischargeHandover handover = handovers.start(hospitalDoctor,
                request("gp.chan", null, summary(today, List.of(), List.of())));
        ProcessInstance process = process(handover);

        assertThat(process).isWaitingAt(ACKNOWLEDGE).isNotWaitingAt(FOLLOW_UP, "Message_ResultRecorded");
        assertThat(handover.status()).isEqualTo(DischargeStatus.SENT);
        assertThat(count(familyDoctor, "notification.discharge.sent")).isEqualTo(sentBefore + 1);
        TaskView acknowledge = taskOf(familyDoctor, handover, ACKNOWLEDGE);
        assertThat(tasks.tasksFor(familyDoctor)).extracting(TaskView::id).contains(acknowledge.id());
        assertThat(acknowledge.assignee()).isEqualTo("gp.chan");
        assertThat(tasks.formData(familyDoctor, acknowledge.id())).containsEntry("patientName", "Discharge Test Patient")
                .containsEntry("dischargedOn", today.toString());
        assertThat(tasks.tasksFor(hospitalDoctor)).extracting(TaskView::id).doesNotContain(acknowledge.id());

        assertThat(fieldsOf(() -> tasks.complete(familyDoctor, acknowledge.id(),
                Map.of("reviewed", true, "patientName", "Someone else")))).containsExactly("patientName");
        assertThat(fieldsOf(() -> tasks.complete(familyDoctor, acknowledge.id(), Map.of("reviewed", false))))
                .containsExactly("reviewed");
        tasks.complete(familyDoctor, acknowledge.id(), Map.of("reviewed", true));

        assertThat(process).hasPassedInOrder(ACKNOWLEDGE, "Task_RecordAcknowledgement", "Task_CloseHandover",
                "EndEvent_HandoverClosed").isEnded();
        DischargeHandovers.Details details = handovers.details(familyDoctor, handover.id());
        assertThat(details.handover().status()).isEqualTo(DischargeStatus.CLOSED);
        assertThat(details.handover().acknowledgedAt()).isNotNull();
    }

    @Test
    void onlyTheParticipantsReadTheSummaryWhichIsKeptOutOfTheEngine() {
        DischargeHandover handover = handovers.start(hospitalDoctor,
                request("gp.chan", null, summary(today, List.of(), List.of())));

        DischargeHandovers.Details details = handovers.details(familyDoctor, handover.id());
        assertThat(DischargeHandovers.rows(details.summary(), "medications")).extracting(m -> m.get("drug"))
                .containsExactly("Aspirin", "Metformin", "Gliclazide");
        assertThat(DischargeHandovers.rows(details.summary(), "medications").get(2))
                .as("a stopped drug keeps no dose").doesNotContainKey("dose");
        assertThat(details.mayRecordResults()).isFalse();
        assertThat(handovers.details(hospitalDoctor, handover.id()).mayRecordResults()).isTrue();
        assertThatThrownBy(() -> handovers.details(nurse, handover.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> handovers.details(otherHospital, handover.id())).isInstanceOf(NotFoundException.class);
        assertThat(handovers.mine(familyDoctor)).extracting(DischargeHandover::id).contains(handover.id());
        assertThat(handovers.mine(otherHospital)).extracting(DischargeHandover::id).doesNotContain(handover.id());

        Map<String, Object> variables = runtimeService.getVariables(handover.processInstanceId());
        assertThat(variables).containsOnlyKeys("handoverId", "hospital", "clinic", "familyDoctor");
    }

    @Test
    void aFollowUpItemBecomesADatedTaskWithAReminderBeforeAndANoticeOnItsDueDate() {
        DischargeHandover handover = handovers.start(hospitalDoctor, request("gp.chan", null,
                summary(today, List.of(inDays("Review blood pressure and renal function", 14)), List.of())));
        ProcessInstance process = process(handover);
        assertThat(process).isWaitingAt(ACKNOWLEDGE, FOLLOW_UP);

        TaskView followUp = taskOf(familyDoctor, handover, FOLLOW_UP);
        Instant due = DischargeHandovers.morningOf(today.plusDays(14)).toInstant();
        assertThat(followUp.due()).as("review in two weeks, 09:00 Hong Kong time").isEqualTo(due);
        assertThat(tasks.formData(familyDoctor, followUp.id()))
                .containsEntry("action", "Review blood pressure and renal function")
                .containsEntry("dueOn", today.plusDays(14).toString());
        assertThat(timers(process)).extracting(Job::getDuedate).extracting(Date::toInstant)
                .containsExactlyInAnyOrder(due.minus(Duration.ofDays(3)), due);
        assertThat(executableTimers(process)).isEmpty();

        long soonBefore = count(familyDoctor, "notification.discharge.followUpSoon");
        ClockUtil.setCurrentTime(Date.from(due.minus(Duration.ofDays(3)).plusSeconds(60)));
        List<Job> reminder = executableTimers(process);
        assertThat(reminder).hasSize(1);
        managementService.executeJob(reminder.get(0).getId());
        assertThat(process).hasPassed("Timer_FollowUpReminder", "Task_RemindBeforeDue", "EndEvent_ReminderSent");
        assertThat(count(familyDoctor, "notification.discharge.followUpSoon")).isEqualTo(soonBefore + 1);

        long dueBefore = count(familyDoctor, "notification.discharge.followUpDue");
        ClockUtil.setCurrentTime(Date.from(due.plusSeconds(60)));
        List<Job> onDue = executableTimers(process);
        assertThat(onDue).hasSize(1);
        managementService.executeJob(onDue.get(0).getId());
        assertThat(process).hasPassed("Timer_FollowUpDue", "Task_RemindOnDueDate", "EndEvent_DueNoticeSent")
                .isWaitingAt(FOLLOW_UP);
        assertThat(count(familyDoctor, "notification.discharge.followUpDue")).isEqualTo(dueBefore + 1);

        tasks.complete(familyDoctor, followUp.id(), Map.of("outcome", "DONE"));
        assertThat(process).hasPassed("Task_RecordFollowUp", "EndEvent_FollowUpDone").isWaitingAt(ACKNOWLEDGE).isNotWaitingAt(FOLLOW_UP);
        assertThat(handovers.details(familyDoctor, handover.id()).followUps()).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo("DONE"));

        tasks.complete(familyDoctor, taskOf(familyDoctor, handover, ACKNOWLEDGE).id(), Map.of("reviewed", true));
        assertThat(process).isEnded();
    }

    @Test
    void aFollowUpOnAFixedDateIsDueThatDayAndEachItemIsATaskOfItsOwn() {
        LocalDate clinicDay = today.plusDays(30);
        DischargeHandover handover = handovers.start(hospitalDoctor, request("gp.chan", null, summary(today,
                List.of(onDate("Repeat HbA1c", clinicDay), inDays("Wound check", 2)), List.of())));
        ProcessInstance process = process(handover);

        List<TaskView> followUps = tasks.openTasksOfCase(familyDoctor, handover.id()).stream()
                .filter(t -> t.taskKey().equals(FOLLOW_UP)).toList();
        assertThat(followUps).extracting(TaskView::due).containsExactlyInAnyOrder(
                DischargeHandovers.morningOf(clinicDay).toInstant(),
                DischargeHandovers.morningOf(today.plusDays(2)).toInstant());
        TaskView woundCheck = followUps.stream()
                .filter(t -> t.due().equals(DischargeHandovers.morningOf(today.plusDays(2)).toInstant())).findFirst()
                .orElseThrow();
        assertThat(timers(process)).as("a reminder never comes before the discharge")
                .extracting(j -> j.getDuedate().toInstant())
                .contains(DischargeHandovers.morningOf(today).toInstant());

        tasks.complete(familyDoctor, woundCheck.id(), Map.of("outcome", "DID_NOT_ATTEND", "contactAttempted", true));
        assertThat(handovers.details(hospitalDoctor, handover.id()).followUps())
                .extracting(DischargeHandovers.FollowUpItem::action, DischargeHandovers.FollowUpItem::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Repeat HbA1c", "OPEN"),
                        org.assertj.core.groups.Tuple.tuple("Wound check", "DID_NOT_ATTEND"));
    }

    @Test
    void aResultArrivingAfterDischargeReachesTheSameFamilyDoctor() {
        DischargeHandover handover = handovers.start(hospitalDoctor, request("gp.chan", null,
                summary(today, List.of(), List.of("Blood culture", "HbA1c"))));
        ProcessInstance process = process(handover);
        tasks.complete(familyDoctor, taskOf(familyDoctor, handover, ACKNOWLEDGE).id(), Map.of("reviewed", true));
        assertThat(process).as("still waiting for two results").isWaitingAt("Message_ResultRecorded");
        assertThat(handovers.details(familyDoctor, handover.id()).handover().status())
                .isEqualTo(DischargeStatus.ACKNOWLEDGED);

        assertThatThrownBy(() -> handovers.recordResult(familyDoctor, handover.id(), 1, "7.2%"))
                .as("the family doctor reads, the hospital records").isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> handovers.recordResult(nurse, handover.id(), 1, "7.2%"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> handovers.recordResult(otherHospital, handover.id(), 1, "7.2%"))
                .isInstanceOf(NotFoundException.class);
        assertThat(fieldsOf(() -> handovers.recordResult(hospitalDoctor, handover.id(), 1, " "))).containsExactly("result");

        long before = count(familyDoctor, "notification.discharge.lateResult");
        handovers.recordResult(hospitalDoctor, handover.id(), 1, "HbA1c 7.2%");
        assertThat(count(familyDoctor, "notification.discharge.lateResult")).isEqualTo(before + 1);
        assertThatThrownBy(() -> handovers.recordResult(hospitalDoctor, handover.id(), 1, "again"))
                .isInstanceOf(ConflictException.class);

        TaskView review = taskOf(familyDoctor, handover, REVIEW_RESULT);
        assertThat(review.assignee()).isEqualTo("gp.chan");
        assertThat(tasks.formData(familyDoctor, review.id())).containsEntry("test", "HbA1c")
                .containsEntry("result", "HbA1c 7.2%");
        tasks.complete(familyDoctor, review.id(), Map.of("action", "CONTACT_PATIENT"));
        assertThat(process).hasPassed("EndEvent_ResultReviewed").isWaitingAt("Message_ResultRecorded");

        handovers.recordResult(hospitalDoctor, handover.id(), 0, "No growth at 5 days");
        tasks.complete(familyDoctor, taskOf(familyDoctor, handover, REVIEW_RESULT).id(), Map.of("action", "NO_ACTION"));
        assertThat(process).isEnded();
        assertThat(handovers.details(familyDoctor, handover.id()).results())
                .extracting(DischargeHandovers.ResultItem::test, DischargeHandovers.ResultItem::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Blood culture", "No growth at 5 days"),
                        org.assertj.core.groups.Tuple.tuple("HbA1c", "HbA1c 7.2%"));
    }

    @Test
    void aPatientWhoCameByAReferralGoesBackToItsSenderByDefault() {
        String referralId = referrals.submit(familyDoctor, new ReferralRequest(
                new ReferralRequest.Patient("D123456(1)", "Discharge Test Patient", "1956-03-04"), "HSC", "CARDIOLOGY",
                "URGENT", "Chest pain", "Chest pain on exertion for two weeks.")).id();

        DischargeHandover handover = handovers.start(hospitalDoctor, request(null, referralId,
                summary(today, List.of(), List.of())));

        assertThat(handover.familyDoctor()).isEqualTo("gp.chan");
        assertThat(handover.referralId()).isEqualTo(referralId);
        assertThat(handovers.defaultFamilyDoctor(hospitalDoctor, referralId)).contains("gp.chan");
    }

    @Test
    void onlyHospitalDoctorsStartAHandoverAndBadInputLeavesNothingBehind() {
        assertThatThrownBy(() -> handovers.start(familyDoctor, request("gp.chan", null, summary(today, List.of(),
                List.of())))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> handovers.start(nurse, request("gp.chan", null, summary(today, List.of(),
                List.of())))).isInstanceOf(ForbiddenException.class);

        int before = handovers.mine(hospitalDoctor).size();
        Map<String, Object> summary = new java.util.HashMap<>(summary(today, List.of(inDays("Review", 0)), List.of()));
        summary.remove("followUpPlan");
        List<String> fields = fieldsOf(() -> handovers.start(hospitalDoctor, request("dr.lau", null, summary)));
        assertThat(fields).containsExactlyInAnyOrder("familyDoctor", "summary.followUpPlan",
                "summary.followUpItems[0].dueInDays");
        assertThat(handovers.mine(hospitalDoctor)).hasSize(before);
    }

    // ---- helpers ----

    private ProcessInstance process(DischargeHandover handover) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(handover.id()).singleResult();
    }

    private TaskView taskOf(CareRelayUser user, DischargeHandover handover, String taskKey) {
        List<TaskView> open = tasks.openTasksOfCase(user, handover.id());
        TaskView task = open.stream().filter(t -> t.taskKey().equals(taskKey)).findFirst().orElse(null);
        assertThat(task).as("%s open for %s; open: %s", taskKey, user.username(),
                open.stream().map(TaskView::taskKey).toList()).isNotNull();
        return task;
    }

    private long count(CareRelayUser user, String key) {
        return notifications.forUser(user, 10_000).stream().map(Notification::messageKey).filter(key::equals).count();
    }

    private List<Job> timers(ProcessInstance process) {
        return managementService.createJobQuery().processInstanceId(process.getId()).timers().list();
    }

    private List<Job> executableTimers(ProcessInstance process) {
        return managementService.createJobQuery().processInstanceId(process.getId()).timers().executable().list();
    }

    private static List<String> fieldsOf(Runnable action) {
        ValidationException e = catchThrowableOfType(ValidationException.class, action::run);
        assertThat(e).as("a validation error").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }
}
