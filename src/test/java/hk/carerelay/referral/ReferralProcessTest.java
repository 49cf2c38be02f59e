package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.notification.Notification;
import hk.carerelay.notification.Notifications;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.TaskSubmissions;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Every path of referral.bpmn, driven the way users drive it: the referring doctor submits through
 * {@link ReferralService}, everyone else works through the task path {@link WorkflowTasks}. Each test checks both
 * where the engine stands and what the referral's status tells its users.
 */
@ApplicationTest
class ReferralProcessTest {

    private static final String TRIAGE = "Task_TriageReferral";
    private static final String SCHEDULE = "Task_ScheduleAppointment";
    private static final String CONSULTATION = "Task_ConductConsultation";
    private static final String ACKNOWLEDGE = "Task_AcknowledgeOutcome";
    private static final String PROVIDE_INFORMATION = "Task_ProvideMoreInformation";
    private static final String CONFIRM_CANCELLATION = "Task_ConfirmCancellation";
    private static final String HANDLE_SLA_BREACH = "Task_HandleSlaBreach";
    private static final String CANCELLATION_PENDING = "SubProcess_CancellationRequested";

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    ReferralService referrals;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    TaskSubmissions submissions;
    @Autowired
    Notifications notifications;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    CareRelayUser gp;
    CareRelayUser coordinator;
    CareRelayUser cardiologist;
    CareRelayUser endocrinologist;
    CareRelayUser nurse;
    CareRelayUser intern;
    CareRelayUser manager;
    CareRelayUser auditor;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        // Whole seconds, so that every instant survives the round trip through the database unchanged.
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        gp = user("gp.chan");
        coordinator = user("coord.wong");
        cardiologist = user("dr.lee");
        endocrinologist = user("dr.lau");
        nurse = user("nurse.ho");
        intern = user("intern.lam");
        manager = user("manager.tsang");
        auditor = user("auditor.yip");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    // ---- the main path and the triage decisions ----

    @Test
    void acceptedReferralIsScheduledConsultedAndClosedWhenTheSenderAcknowledges() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        assertThat(process).isWaitingAtExactly(TRIAGE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.RECEIVED);
        assertThat(taskOf(coordinator, referral, TRIAGE).name()).isEqualTo("Triage referral");
        assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.PROCESS_INSTANCE)
                .resourceId(process.getId()).count()).as("shared with its groups while it runs").isPositive();
        assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(taskOf(coordinator, referral, TRIAGE).id()).count()).as("an open task's grants")
                .isPositive();

        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        assertThat(process).hasPassed("Task_RecordTriageDecision").isWaitingAtExactly(SCHEDULE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.ACCEPTED);
        assertThat(jobsOf(process)).as("the triage SLA timer stops once triage is done").isEmpty();

        LocalDateTime appointment = LocalDateTime.now(HongKongTime.ZONE).plusDays(7).withHour(10).withMinute(30)
                .truncatedTo(ChronoUnit.MINUTES);
        complete(coordinator, referral, SCHEDULE,
                Map.of("appointmentAt", appointment.toString(), "location", "Cardiology Clinic, Room 3"));
        assertThat(process).hasPassed("Task_RecordAppointment").isWaitingAtExactly(CONSULTATION);
        Referral scheduled = referrals.get(gp, referral.id());
        assertThat(scheduled.status()).isEqualTo(ReferralStatus.SCHEDULED);
        Instant appointmentAt = appointment.atZone(HongKongTime.ZONE).toInstant();
        assertThat(scheduled.appointmentAt()).as("entered in Hong Kong time").isEqualTo(appointmentAt);
        TaskView consultation = taskOf(cardiologist, referral, CONSULTATION);
        assertThat(tasks.tasksFor(cardiologist)).extracting(TaskView::id).contains(consultation.id());
        assertThat(consultation.due()).as("the consultation is due at the appointment").isEqualTo(appointmentAt);
        assertThat(tasks.tasksFor(endocrinologist)).extracting(TaskView::id)
                .as("the consultation goes to the referral's specialty only").doesNotContain(consultation.id());
        assertThatThrownBy(() -> tasks.complete(endocrinologist, consultation.id(), Map.of()))
                .isInstanceOf(ForbiddenException.class);

        complete(cardiologist, referral, CONSULTATION, Map.of("findings", "Normal echo.",
                "diagnosis", "Stable angina", "plan", "Start aspirin.", "followUp", "RETURN_TO_REFERRER",
                "followUpDetails", "Review lipids in 3 months."));
        assertThat(process).hasPassed("Task_ReturnOutcome").isWaitingAtExactly(ACKNOWLEDGE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.REPORT_SENT);
        assertThat(taskOf(gp, referral, ACKNOWLEDGE).assignee()).isEqualTo("gp.chan");

        complete(gp, referral, ACKNOWLEDGE, Map.of("acknowledged", true));
        assertThat(process).hasPassedInOrder(TRIAGE, SCHEDULE, CONSULTATION, ACKNOWLEDGE, "Task_CloseReferral",
                "EndEvent_ReferralCompleted").isEnded();
        assertThat(status(referral)).isEqualTo(ReferralStatus.COMPLETED);
        assertThat(tasks.openTasksOfCase(coordinator, referral.id())).isEmpty();

        assertThat(messagesFor(gp, referral)).contains("notification.referral.accepted",
                "notification.referral.scheduled", "notification.referral.report_sent");
        assertThat(messagesFor(coordinator, referral)).contains("notification.referral.received",
                "notification.referral.acknowledged");

        // the engine grants sharing the instance and its tasks with their groups end with them: nothing piles up
        List<String> taskIds = processEngine.getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(process.getId()).list().stream().map(t -> t.getId()).toList();
        assertThat(taskIds).hasSize(4);
        assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.PROCESS_INSTANCE)
                .resourceId(process.getId()).count()).as("grants on the ended instance").isZero();
        for (String taskId : taskIds) {
            assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                    .resourceId(taskId).count()).as("grants on the completed task " + taskId).isZero();
        }
    }

    /**
     * The outpatient handover is the consultation note returned to the referring doctor (ADR 0017): its optional list
     * of current medication reaches the family doctor with the outcome they acknowledge.
     */
    @Test
    void theConsultationNoteHandsTheCurrentMedicationBackToTheFamilyDoctor() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        complete(coordinator, referral, SCHEDULE, Map.of("appointmentAt",
                LocalDateTime.now(HongKongTime.ZONE).plusDays(3).truncatedTo(ChronoUnit.MINUTES).toString(),
                "location", "Cardiology Clinic, Room 2"));
        Map<String, Object> note = Map.of("findings", "Normal echo.", "diagnosis", "Stable angina",
                "plan", "Start aspirin.", "followUp", "RETURN_TO_REFERRER",
                "followUpDetails", "Refer back if angina at rest.",
                "medications", List.of(Map.of("drug", "Aspirin", "dose", "80 mg daily"), Map.of("drug", "Atorvastatin")));
        assertThat(fieldsOf(() -> complete(cardiologist, referral, CONSULTATION, note)))
                .as("every row names its drug and dose").containsExactly("medications[1].dose");

        complete(cardiologist, referral, CONSULTATION, Map.of("findings", "Normal echo.", "diagnosis", "Stable angina",
                "plan", "Start aspirin.", "followUp", "RETURN_TO_REFERRER",
                "followUpDetails", "Refer back if angina at rest.",
                "medications", List.of(Map.of("drug", "Aspirin", "dose", "80 mg daily"),
                        Map.of("drug", "Atorvastatin", "dose", "20 mg at night"))));
        assertThat(process(referral)).isWaitingAtExactly(ACKNOWLEDGE);

        assertThat(referrals.details(gp, referral.id()).submissions()).filteredOn(s -> s.taskKey().equals(CONSULTATION))
                .singleElement().satisfies(s -> assertThat(s.values().get("medications")).isEqualTo(List.of(
                        Map.of("drug", "Aspirin", "dose", "80 mg daily"),
                        Map.of("drug", "Atorvastatin", "dose", "20 mg at night"))));
    }

    @Test
    void acknowledgementMustBeTicked() {
        Referral referral = submit("ROUTINE", "ENDOCRINOLOGY");
        ProcessInstance process = process(referral);
        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        complete(coordinator, referral, SCHEDULE, Map.of("appointmentAt", "2031-02-03T09:00", "location", "Room 2"));
        complete(endocrinologist, referral, CONSULTATION, Map.of("findings", "No goitre.", "diagnosis", "Euthyroid",
                "plan", "Nothing further.", "followUp", "NONE"));

        assertThat(fieldsOf(() -> complete(gp, referral, ACKNOWLEDGE, Map.of("acknowledged", false))))
                .containsExactly("acknowledged");
        assertThat(process).isWaitingAtExactly(ACKNOWLEDGE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.REPORT_SENT);
    }

    @Test
    void declineNeedsAReasonAndEndsTheReferral() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);

        assertThat(fieldsOf(() -> complete(coordinator, referral, TRIAGE, Map.of("decision", "DECLINE"))))
                .containsExactly("declineReasonCode", "declineReason");
        assertThat(fieldsOf(() -> complete(coordinator, referral, TRIAGE, Map.of("decision", "DECLINE",
                "declineReasonCode", "NO_BEDS", "declineReason", "Not indicated."))))
                .as("only the listed codes").containsExactly("declineReasonCode");
        assertThat(process).isWaitingAtExactly(TRIAGE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.RECEIVED);
        assertThat(submissions.latest(referral.id(), TRIAGE)).as("a refused form stores nothing").isEmpty();

        complete(coordinator, referral, TRIAGE,
                Map.of("decision", "DECLINE", "declineReasonCode", "NOT_MEETING_CRITERIA", "declineReason",
                        "Fully investigated; manage in primary care."));
        assertThat(process).hasPassed("EndEvent_ReferralDeclined").hasNotPassed(SCHEDULE).isEnded();
        assertThat(status(referral)).isEqualTo(ReferralStatus.DECLINED);
        assertThat(jobsOf(process)).isEmpty();
        assertThat(submissions.latest(referral.id(), TRIAGE)).get()
                .satisfies(s -> assertThat(s.values()).containsEntry("declineReason",
                        "Fully investigated; manage in primary care."));
        assertThat(messagesFor(gp, referral)).contains("notification.referral.declined");
        assertThat(jdbc.sql("SELECT decline_reason_code FROM referral WHERE id = ?").param(referral.id())
                .query(String.class).single()).as("the code is kept for the dashboard").isEqualTo("NOT_MEETING_CRITERIA");
    }

    @Test
    void requestedInformationSendsTheReferralBackToTriageWithANewDueDate() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        Instant firstDue = referrals.get(gp, referral.id()).triageDue();

        assertThat(fieldsOf(() -> complete(coordinator, referral, TRIAGE, Map.of("decision", "REQUEST_INFO"))))
                .containsExactly("infoQuestion");
        complete(coordinator, referral, TRIAGE,
                Map.of("decision", "REQUEST_INFO", "infoQuestion", "Please send the latest ECG."));
        assertThat(process).isWaitingAtExactly(PROVIDE_INFORMATION);
        assertThat(status(referral)).isEqualTo(ReferralStatus.INFO_REQUESTED);
        assertThat(taskOf(gp, referral, PROVIDE_INFORMATION).assignee()).isEqualTo("gp.chan");
        assertThat(messagesFor(gp, referral)).contains("notification.referral.info_requested");

        moveClock(Duration.ofDays(1));
        Instant answeredAt = ClockUtil.getCurrentTime().toInstant();
        complete(gp, referral, PROVIDE_INFORMATION, Map.of("additionalInformation", "ECG attached: sinus rhythm."));

        assertThat(process).hasPassed("Task_RecordAdditionalInformation").isWaitingAtExactly(TRIAGE);
        Referral again = referrals.get(gp, referral.id());
        assertThat(again.status()).isEqualTo(ReferralStatus.RECEIVED);
        assertThat(again.triageDue()).as("the SLA restarts when the answer arrives")
                .isEqualTo(answeredAt.plus(Duration.ofDays(3)))
                .isAfter(firstDue);
        assertThat(taskOf(coordinator, referral, TRIAGE).due()).isEqualTo(again.triageDue());
        assertThat(jobsOf(process)).singleElement()
                .satisfies(timer -> assertThat(timer.getDuedate().toInstant()).isEqualTo(again.triageDue()));
        assertThat(messagesFor(coordinator, referral)).contains("notification.referral.received");

        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        assertThat(process).isWaitingAtExactly(SCHEDULE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.ACCEPTED);
    }

    @Test
    void returnWithAdviceNeedsAdviceAndCompletesTheReferral() {
        Referral referral = submit("ROUTINE", "ENDOCRINOLOGY");
        ProcessInstance process = process(referral);

        assertThat(fieldsOf(() -> complete(coordinator, referral, TRIAGE, Map.of("decision", "RETURN_WITH_ADVICE"))))
                .containsExactly("advice");
        complete(coordinator, referral, TRIAGE,
                Map.of("decision", "RETURN_WITH_ADVICE", "advice", "Lifestyle programme; repeat HbA1c in a year."));

        assertThat(process).hasPassed("EndEvent_ReturnedWithAdvice").hasNotPassed(SCHEDULE).isEnded();
        assertThat(status(referral)).isEqualTo(ReferralStatus.COMPLETED);
        assertThat(messagesFor(gp, referral)).contains("notification.referral.completed");
    }

    @ParameterizedTest(name = "{0}: due {1} after submission, priority {2}")
    @CsvSource({ "URGENT, PT4H, 80", "ROUTINE, P3D, 50" })
    void triageIsDueAccordingToUrgency(String urgency, Duration sla, int priority) {
        Instant submittedAt = ClockUtil.getCurrentTime().toInstant();
        Referral referral = submit(urgency, "CARDIOLOGY");

        Referral stored = referrals.get(gp, referral.id());
        assertThat(stored.createdAt()).isEqualTo(submittedAt);
        assertThat(stored.triageDue()).isEqualTo(submittedAt.plus(sla));
        TaskView triage = taskOf(coordinator, referral, TRIAGE);
        assertThat(triage.due()).isEqualTo(submittedAt.plus(sla));
        assertThat(triage.priority()).isEqualTo(priority);
        assertThat(jobsOf(process(referral))).singleElement()
                .satisfies(timer -> assertThat(timer.getDuedate().toInstant()).isEqualTo(submittedAt.plus(sla)));
    }

    // ---- cancellation ----

    @Test
    void cancellationConfirmedBeforeTriageEndsTheReferral() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);

        Referral requested = referrals.requestCancellation(gp, referral.id(), "Symptoms resolved.");
        assertThat(requested.status()).isEqualTo(ReferralStatus.CANCELLATION_REQUESTED);
        assertThat(process).isWaitingAtExactly(TRIAGE, CANCELLATION_PENDING, CONFIRM_CANCELLATION);
        assertThat(messagesFor(coordinator, referral)).contains("notification.referral.cancellation_requested");

        complete(coordinator, referral, CONFIRM_CANCELLATION, Map.of("cancellationDecision", "CONFIRM"));

        assertCancelled(referral, process);
    }

    @Test
    void cancellationConfirmedAfterSchedulingEndsTheReferral() {
        Referral referral = submit("URGENT", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        complete(coordinator, referral, SCHEDULE, Map.of("appointmentAt", "2031-05-06T14:00", "location", "Room 1"));

        referrals.requestCancellation(gp, referral.id(), "Patient admitted elsewhere.");
        assertThat(status(referral)).isEqualTo(ReferralStatus.CANCELLATION_REQUESTED);
        assertThat(process).isWaitingAtExactly(CONSULTATION, CANCELLATION_PENDING, CONFIRM_CANCELLATION);

        complete(coordinator, referral, CONFIRM_CANCELLATION, Map.of("cancellationDecision", "CONFIRM"));

        assertCancelled(referral, process);
        assertThat(process).hasPassed("Task_RecordAppointment").hasNotPassed("Task_ReturnOutcome");
    }

    @Test
    void cancellationConfirmedWhileInformationIsAwaitedEndsTheReferral() {
        Referral referral = submit("ROUTINE", "ENDOCRINOLOGY");
        ProcessInstance process = process(referral);
        complete(coordinator, referral, TRIAGE, Map.of("decision", "REQUEST_INFO", "infoQuestion", "Latest TSH?"));

        referrals.requestCancellation(gp, referral.id(), "Seen privately.");
        assertThat(process).isWaitingAtExactly(PROVIDE_INFORMATION, CANCELLATION_PENDING, CONFIRM_CANCELLATION);
        complete(coordinator, referral, CONFIRM_CANCELLATION, Map.of("cancellationDecision", "CONFIRM"));

        assertCancelled(referral, process);
    }

    @Test
    void rejectedCancellationRestoresTheStatusAndTheReferralContinues() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        complete(coordinator, referral, SCHEDULE, Map.of("appointmentAt", "2031-05-06T14:00", "location", "Room 1"));
        referrals.requestCancellation(gp, referral.id(), "Patient would rather wait.");

        assertThat(fieldsOf(() -> complete(coordinator, referral, CONFIRM_CANCELLATION,
                Map.of("cancellationDecision", "REJECT")))).containsExactly("cancellationNote");
        complete(coordinator, referral, CONFIRM_CANCELLATION,
                Map.of("cancellationDecision", "REJECT", "cancellationNote", "Urgent findings; the patient must be seen."));

        assertThat(process).hasPassed("Task_ResumeReferral", "EndEvent_CancellationRejected")
                .hasNotPassed("Task_CancelReferral").isWaitingAtExactly(CONSULTATION);
        assertThat(status(referral)).isEqualTo(ReferralStatus.SCHEDULED);

        complete(cardiologist, referral, CONSULTATION, Map.of("findings", "Murmur.", "diagnosis", "Aortic stenosis",
                "plan", "Valve clinic.", "followUp", "SPECIALIST_FOLLOW_UP", "followUpDetails", "Valve clinic in 6 months."));
        assertThat(process).isWaitingAtExactly(ACKNOWLEDGE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.REPORT_SENT);
    }

    @Test
    void rejectedCancellationBeforeTriageReturnsTheReferralToTriage() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        referrals.requestCancellation(gp, referral.id(), "Changed my mind.");

        complete(coordinator, referral, CONFIRM_CANCELLATION,
                Map.of("cancellationDecision", "REJECT", "cancellationNote", "Red flags in the summary."));

        assertThat(process).isWaitingAtExactly(TRIAGE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.RECEIVED);
        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        assertThat(status(referral)).isEqualTo(ReferralStatus.ACCEPTED);
    }

    @Test
    void mainPathWaitsWhileACancellationIsPending() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        referrals.requestCancellation(gp, referral.id(), "Symptoms resolved.");

        assertThatThrownBy(() -> complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT")))
                .isInstanceOf(ConflictException.class);
        assertThat(process).isWaitingAtExactly(TRIAGE, CANCELLATION_PENDING, CONFIRM_CANCELLATION);
        assertThat(status(referral)).isEqualTo(ReferralStatus.CANCELLATION_REQUESTED);
        assertThat(submissions.latest(referral.id(), TRIAGE)).as("nothing of the refused triage is kept").isEmpty();

        assertThatThrownBy(() -> referrals.requestCancellation(gp, referral.id(), "Again."))
                .as("only one cancellation request at a time").isInstanceOf(ConflictException.class);
        assertThat(process).isWaitingAtExactly(TRIAGE, CANCELLATION_PENDING, CONFIRM_CANCELLATION);
        assertThat(taskService.createTaskQuery().processInstanceId(process.getId())
                .taskDefinitionKey(CONFIRM_CANCELLATION).count()).isEqualTo(1);
    }

    @Test
    void onlyTheSenderCanAskToCancelAndNeverAfterTheEnd() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");

        assertThatThrownBy(() -> referrals.requestCancellation(coordinator, referral.id(), "Not ours."))
                .isInstanceOf(ForbiddenException.class);
        assertThat(fieldsOf(() -> referrals.requestCancellation(gp, referral.id(), " "))).containsExactly("reason");
        assertThat(status(referral)).isEqualTo(ReferralStatus.RECEIVED);

        complete(coordinator, referral, TRIAGE, Map.of("decision", "DECLINE", "declineReasonCode", "OTHER", "declineReason",
                "Not indicated."));
        assertThatThrownBy(() -> referrals.requestCancellation(gp, referral.id(), "Too late."))
                .isInstanceOf(ConflictException.class);
        assertThat(status(referral)).isEqualTo(ReferralStatus.DECLINED);
    }

    // ---- triage SLA ----

    @Test
    void triageSlaBreachAlertsTheManagersAndKeepsTheReferralInTriage() {
        Referral referral = submit("URGENT", "ENDOCRINOLOGY");
        ProcessInstance process = process(referral);
        Instant due = referrals.get(gp, referral.id()).triageDue();
        assertThat(executableTimers(process)).as("not yet due").isEmpty();

        moveClock(Duration.ofHours(4).plusMinutes(1));
        assertThat(ClockUtil.getCurrentTime().toInstant()).isAfter(due);
        List<Job> executable = executableTimers(process);
        assertThat(executable).hasSize(1);
        managementService.executeJob(executable.get(0).getId());

        assertThat(process).hasPassed("Timer_TriageSla", "Task_NotifySlaBreach")
                .isWaitingAtExactly(TRIAGE, HANDLE_SLA_BREACH);
        Task breach = taskService.createTaskQuery().processInstanceId(process.getId())
                .taskDefinitionKey(HANDLE_SLA_BREACH).singleResult();
        assertThat(candidateGroups(breach)).containsExactly("HSC-MANAGER");
        assertThat(tasks.tasksFor(manager)).extracting(TaskView::id).contains(breach.getId());
        assertThat(status(referral)).as("the breach drops nothing").isEqualTo(ReferralStatus.RECEIVED);
        assertThat(taskOf(coordinator, referral, TRIAGE)).as("triage is still open for the coordinators").isNotNull();
        assertThat(messagesFor(manager, referral)).contains("notification.referral.slaBreached");
        assertThat(messagesFor(coordinator, referral)).contains("notification.referral.slaBreached");

        assertThatThrownBy(() -> complete(coordinator, referral, HANDLE_SLA_BREACH, Map.of("slaAction", "NOTED")))
                .isInstanceOf(ForbiddenException.class);
        complete(manager, referral, HANDLE_SLA_BREACH, Map.of("slaAction", "EXPEDITED", "slaNote", "Phoned the team."));
        assertThat(process).hasPassed("EndEvent_SlaBreachHandled").isWaitingAtExactly(TRIAGE).isNotEnded();

        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        assertThat(process).isWaitingAtExactly(SCHEDULE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.ACCEPTED);
    }

    // ---- who may complete what ----

    @Test
    void guardRefusesADirectEngineCompletionOutsideTheCandidateGroups() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        Task triage = taskService.createTaskQuery().processInstanceId(process.getId()).taskDefinitionKey(TRIAGE)
                .singleResult();

        identityService.setAuthentication(cardiologist.username(), cardiologist.engineGroups());
        assertThatThrownBy(() -> taskService.complete(triage.getId(), Map.of("decision", "ACCEPT")))
                .as("the engine's own authorization refuses first").isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("dr.lee");
        identityService.clearAuthentication();
        Authorization misgranted = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        misgranted.setGroupId("HSC-SPECIALIST-CARDIOLOGY");
        misgranted.setResource(Resources.TASK);
        misgranted.setResourceId(triage.getId());
        misgranted.addPermission(Permissions.READ);
        misgranted.addPermission(Permissions.UPDATE);
        authorizationService.saveAuthorization(misgranted);
        identityService.setAuthentication(cardiologist.username(), cardiologist.engineGroups());
        try {
            assertThatThrownBy(() -> taskService.complete(triage.getId(), Map.of("decision", "ACCEPT")))
                    .as("a grant made by mistake still meets the guard").isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("User dr.lee may not complete Task_TriageReferral");
        } finally {
            identityService.clearAuthentication();
            authorizationService.deleteAuthorization(misgranted.getId());
        }
        identityService.clearAuthentication();
        assertThatThrownBy(() -> taskService.complete(triage.getId(), Map.of("decision", "ACCEPT")))
                .as("nor without a signed-in user").isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("can only be completed by a signed-in user");

        assertThat(process).isWaitingAtExactly(TRIAGE).hasNotPassed(TRIAGE);
        assertThat(taskService.createTaskQuery().taskId(triage.getId()).count()).isEqualTo(1);
        assertThat(status(referral)).isEqualTo(ReferralStatus.RECEIVED);

        identityService.setAuthentication(coordinator.username(), coordinator.engineGroups());
        taskService.complete(triage.getId(), Map.of("decision", "ACCEPT"));
        identityService.clearAuthentication();
        assertThat(process).hasPassed(TRIAGE).isWaitingAtExactly(SCHEDULE);
    }

    @Test
    void usersOutsideTheCandidateGroupsCannotCompleteATask() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        String triage = taskOf(coordinator, referral, TRIAGE).id();

        for (CareRelayUser outsider : List.of(nurse, cardiologist, manager)) {
            assertThatThrownBy(() -> tasks.complete(outsider, triage, Map.of("decision", "ACCEPT")))
                    .as(outsider.username()).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> tasks.claim(outsider, triage))
                    .as(outsider.username()).isInstanceOf(ForbiddenException.class);
        }
        complete(coordinator, referral, TRIAGE, Map.of("decision", "ACCEPT"));
        complete(coordinator, referral, SCHEDULE, Map.of("appointmentAt", "2031-05-06T14:00", "location", "Room 1"));
        String consultation = taskOf(cardiologist, referral, CONSULTATION).id();
        assertThatThrownBy(() -> tasks.complete(coordinator, consultation, Map.of()))
                .isInstanceOf(ForbiddenException.class);

        assertThat(process).isWaitingAtExactly(CONSULTATION);
        assertThat(status(referral)).isEqualTo(ReferralStatus.SCHEDULED);
    }

    @Test
    void usersOutsideTheReferralsScopeDoNotFindItsTasks() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        String triage = taskOf(coordinator, referral, TRIAGE).id();

        // The intern works in endocrinology; the auditor sees no referrals through the task path at all.
        for (CareRelayUser outsider : List.of(intern, auditor)) {
            assertThatThrownBy(() -> tasks.complete(outsider, triage, Map.of("decision", "ACCEPT")))
                    .as(outsider.username()).isInstanceOf(NotFoundException.class);
            assertThat(tasks.openTasksOfCase(outsider, referral.id())).as(outsider.username()).isEmpty();
            assertThat(tasks.tasksFor(outsider)).extracting(TaskView::id).doesNotContain(triage);
        }
        assertThatThrownBy(() -> tasks.complete(coordinator, "no-such-task", Map.of("decision", "ACCEPT")))
                .isInstanceOf(NotFoundException.class);
        assertThat(process).isWaitingAtExactly(TRIAGE);
    }

    @Test
    void aTaskCanBeCompletedOnlyOnce() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY");
        ProcessInstance process = process(referral);
        String triage = taskOf(coordinator, referral, TRIAGE).id();
        tasks.complete(coordinator, triage, Map.of("decision", "ACCEPT"));

        assertThatThrownBy(() -> tasks.complete(coordinator, triage, Map.of("decision", "DECLINE",
                "declineReasonCode", "OTHER", "declineReason", "Second thoughts."))).isInstanceOf(ConflictException.class);

        assertThat(process).isWaitingAtExactly(SCHEDULE);
        assertThat(status(referral)).isEqualTo(ReferralStatus.ACCEPTED);
        assertThat(submissions.forCase(referral.id())).singleElement()
                .satisfies(s -> assertThat(s.values()).containsEntry("decision", "ACCEPT"));
    }

    // ---- helpers ----

    private void assertCancelled(Referral referral, ProcessInstance process) {
        assertThat(process).hasPassed("EndEvent_CancellationConfirmed", "Task_CancelReferral",
                "EndEvent_ReferralCancelled").isEnded();
        assertThat(status(referral)).isEqualTo(ReferralStatus.CANCELLED);
        assertThat(taskService.createTaskQuery().processInstanceId(process.getId()).count())
                .as("every open task is withdrawn").isZero();
        assertThat(tasks.openTasksOfCase(gp, referral.id())).isEmpty();
        assertThat(tasks.openTasksOfCase(coordinator, referral.id())).isEmpty();
        assertThat(jobsOf(process)).isEmpty();
        assertThat(messagesFor(gp, referral)).contains("notification.referral.cancelled");
    }

    private Referral submit(String urgency, String specialty) {
        return referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("A123456(3)", "Chan Tai Man", "1958-03-14"), "HSC", specialty, urgency,
                "Exertional chest tightness", "Hypertension on amlodipine; resting ECG normal."));
    }

    private ProcessInstance process(Referral referral) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(referral.id())
                .singleResult();
        assertThat(instance).as("process of referral %s", referral.id()).isNotNull();
        return instance;
    }

    private ReferralStatus status(Referral referral) {
        return referrals.get(gp, referral.id()).status();
    }

    /** The open task of the referral at that step, as the user sees it on the referral's page. */
    private TaskView taskOf(CareRelayUser user, Referral referral, String taskKey) {
        List<TaskView> open = tasks.openTasksOfCase(user, referral.id());
        TaskView task = open.stream().filter(t -> t.taskKey().equals(taskKey)).findFirst().orElse(null);
        assertThat(task).as("%s open for %s; open: %s", taskKey, user.username(),
                open.stream().map(TaskView::taskKey).toList()).isNotNull();
        return task;
    }

    private void complete(CareRelayUser user, Referral referral, String taskKey, Map<String, ?> values) {
        tasks.complete(user, taskOf(user, referral, taskKey).id(), values);
    }

    private static List<String> fieldsOf(Runnable action) {
        ValidationException e = catchThrowableOfType(ValidationException.class, action::run);
        assertThat(e).as("a validation error").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    private List<String> messagesFor(CareRelayUser user, Referral referral) {
        return notifications.forUser(user, 1000).stream().filter(n -> referral.id().equals(n.referralId()))
                .map(Notification::messageKey).toList();
    }

    private List<Job> jobsOf(ProcessInstance process) {
        return managementService.createJobQuery().processInstanceId(process.getId()).list();
    }

    private List<Job> executableTimers(ProcessInstance process) {
        return managementService.createJobQuery().processInstanceId(process.getId()).timers().executable().list();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(IdentityLink::getGroupId).toList();
    }

    private static void moveClock(Duration by) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }
}
