package hk.carerelay.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationRequest;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * SLA clocks on waiting steps, on the engine's clock: due dates from configuration by urgency, one breach per late
 * task however many checks run, none for a step done in time, and the managers' task a breach creates.
 */
@ApplicationTest
class SlaClockTest {

    private static final String ANSWER = "Task_AnswerConsultation";

    @Autowired
    SlaMonitor monitor;
    @Autowired
    SlaClocks clocks;
    @Autowired
    ConsultationService consultations;
    @Autowired
    ReferralService referrals;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    UserDirectory users;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    CareRelayUser gp;
    CareRelayUser coordinator;
    CareRelayUser cardiologist;
    CareRelayUser endocrinologist;
    CareRelayUser manager;
    Instant start;

    @BeforeEach
    void setUp() {
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(start));
        gp = user("gp.chan");
        coordinator = user("coord.wong");
        cardiologist = user("dr.lee");
        endocrinologist = user("dr.lau");
        manager = user("manager.tsang");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void waitingStepsAreDueAsConfiguredForTheirUrgency() {
        TaskView urgent = answerTask(ask("URGENT"));
        assertThat(urgent.due()).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(answerTask(ask("ROUTINE")).due()).isEqualTo(start.plus(Duration.ofDays(5)));

        Referral referral = referral("URGENT");
        TaskView triage = referralTask(coordinator, referral, "Task_TriageReferral");
        assertThat(clocks.find(triage.id())).as("triage keeps its own timer in the model").isEmpty();
        tasks.complete(coordinator, triage.id(), Map.of("decision", "ACCEPT"));
        TaskView schedule = referralTask(coordinator, referral, "Task_ScheduleAppointment");
        assertThat(schedule.due()).as("a referral step with no due date in the model gets the configured one")
                .isEqualTo(start.plus(Duration.ofDays(2)));
        SlaClock clock = clocks.find(schedule.id()).orElseThrow();
        assertThat(clock.institution()).isEqualTo("HSC");
        assertThat(clock.urgency()).isEqualTo("URGENT");
        assertThat(clock.caseId()).isEqualTo(referral.id());
    }

    @Test
    void aLateStepRaisesOneBreachWithATaskForTheManagers() {
        TaskView late = answerTask(ask("URGENT"));
        double before = breaches();
        long noticesBefore = managerNotices();
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(23))));
        monitor.check();
        assertThat(breachProcesses(late.id())).as("not yet due").isZero();

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(25))));
        monitor.check();
        monitor.check();
        assertThat(breachProcesses(late.id())).as("a second check raises nothing more").isEqualTo(1);
        assertThat(clocks.find(late.id()).orElseThrow().breachedAt()).isNotNull();
        assertThat(clocks.breachesByStage()).containsKey("consultation/" + ANSWER);
        assertThat(breaches()).isGreaterThanOrEqualTo(before + 1);
        assertThat(managerNotices()).as("the managers are told").isGreaterThan(noticesBefore);

        TaskView managers = tasks.tasksFor(manager).stream().filter(t -> late.id().equals(t.summary().caseId()))
                .findFirst().orElseThrow();
        assertThat(managers.taskKey()).isEqualTo("Task_HandleStepSlaBreach");
        assertThat(managers.summary().patientName()).as("the managers' task names no patient").isNull();
        assertThat(tasks.tasksFor(cardiologist)).noneMatch(t -> late.id().equals(t.summary().caseId()));
        tasks.complete(manager, managers.id(), Map.of("slaAction", "EXPEDITED"));
        assertThat(breachProcesses(late.id())).as("handled").isZero();
    }

    private long managerNotices() {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient = 'HSC-MANAGER' AND message_key = "
                + "'notification.sla.breached'").query(Long.class).single();
    }

    @Test
    void twoNodesCheckingAtOnceRaiseOneBreach() throws Exception {
        TaskView late = answerTask(ask("URGENT"));
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(25))));
        Instant now = ClockUtil.now().toInstant();
        // both nodes read the clock before either claimed it
        SlaClock seenByBoth = clocks.find(late.id()).orElseThrow();
        assertThat(monitor.raise(seenByBoth, now)).isTrue();
        assertThat(monitor.raise(seenByBoth, now)).isFalse();
        assertThat(breachProcesses(late.id())).isEqualTo(1);

        TaskView another = answerTask(ask("URGENT"));
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(50))));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            Callable<Integer> check = () -> {
                ready.countDown();
                ready.await();
                return monitor.check();
            };
            List<Future<Integer>> results = new ArrayList<>(nodes.invokeAll(List.of(check, check)));
            for (Future<Integer> result : results) {
                result.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(breachProcesses(another.id())).as("concurrent checks").isEqualTo(1);
    }

    @Test
    void aStepCompletedBeforeItsDueTimeRaisesNone() {
        Consultation asked = ask("URGENT");
        TaskView answer = answerTask(asked);
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(20))));
        tasks.complete(endocrinologist, answer.id(), Map.of("opinion", "No change needed.", "recommendation",
                "ADVICE_ONLY"));
        assertThat(clocks.find(answer.id()).orElseThrow().endedAt()).isEqualTo(start.plus(Duration.ofHours(20)));

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(30))));
        monitor.check();
        assertThat(breachProcesses(answer.id())).isZero();
        assertThat(clocks.find(answer.id()).orElseThrow().breachedAt()).isNull();
    }

    @Test
    void aCancelledStepStopsItsClock() {
        Consultation asked = ask("URGENT");
        TaskView answer = answerTask(asked);
        consultations.cancel(cardiologist, asked.id());
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(30))));
        monitor.check();
        assertThat(clocks.find(answer.id()).orElseThrow().endedAt()).isNotNull();
        assertThat(breachProcesses(answer.id())).isZero();
    }

    // ---- helpers ----

    private double breaches() {
        return meters.find("carerelay.sla.step.breaches").tag("task", ANSWER).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private long breachProcesses(String taskId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey("sla-breach")
                .processInstanceBusinessKey(taskId).count();
    }

    private Consultation ask(String urgency) {
        return consultations.request(cardiologist, new ConsultationRequest("ENDOCRINOLOGY", urgency,
                "Steroid-induced hyperglycaemia: please advise.", referral("ROUTINE").id(), List.of(), null));
    }

    private TaskView answerTask(Consultation c) {
        return tasks.openTasksOfCase(endocrinologist, c.id()).stream().filter(t -> ANSWER.equals(t.taskKey()))
                .findFirst().orElseThrow();
    }

    private Referral referral(String urgency) {
        return referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("A123456(3)", "Chan Tai Man", "1958-03-14"), "HSC", "CARDIOLOGY",
                urgency, "Exertional chest tightness", "Hypertension on amlodipine; resting ECG normal."));
    }

    private TaskView referralTask(CareRelayUser user, Referral referral, String taskKey) {
        return tasks.openTasksOfCase(user, referral.id()).stream().filter(t -> taskKey.equals(t.taskKey()))
                .findFirst().orElseThrow();
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }
}
