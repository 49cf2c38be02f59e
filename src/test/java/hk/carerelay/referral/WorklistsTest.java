package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditEntry;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.NewUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.patient.Hkid;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * The coordinator's worklists on referrals driven through the process as users drive it: each list holds exactly the
 * referrals its status calls for, soonest due first, counted alike; "me" is what the caller has claimed; bulk claim
 * reports each task; saved filters belong to their owner. Every query is narrowed to this test's patients by name.
 */
@ApplicationTest
class WorklistsTest {

    @Autowired
    hk.carerelay.consent.ConsentService consents;
    @Autowired
    ReferralService referrals;
    @Autowired
    Worklists worklists;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    UserDirectory users;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    CareRelayUser gp;
    CareRelayUser coordinator;
    CareRelayUser otherCoordinator;
    CareRelayUser otherHospital;
    CareRelayUser cardiologist;
    CareRelayUser manager;
    String token;

    @BeforeEach
    void setUp() {
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        gp = user("gp.chan");
        coordinator = user("coord.wong");
        otherHospital = user("coord.cheung");
        cardiologist = user("dr.lee");
        manager = user("manager.tsang");
        if (!users.exists("coord.ip")) {
            users.create(new NewUser("coord.ip", "Ip Ka Yan", "CareRelay-demo-1", "JBSWY3DPEHPK3PXP", Role.COORDINATOR,
                    "HSC", null));
        }
        otherCoordinator = user("coord.ip");
        token = "Probe" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void eachListHoldsTheReferralsItsStatusCallsForSoonestDueFirst() {
        Referral routine = submit("ROUTINE", "CARDIOLOGY", "one");
        Referral urgent = submit("URGENT", "ENDOCRINOLOGY", "two");
        Referral accepted = submit("ROUTINE", "CARDIOLOGY", "three");
        complete(coordinator, accepted, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        Referral scheduled = submit("ROUTINE", "CARDIOLOGY", "four");
        complete(coordinator, scheduled, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        String appointment = LocalDateTime.now(HongKongTime.ZONE).plusDays(7).withHour(10).withMinute(0)
                .truncatedTo(ChronoUnit.MINUTES).toString();
        complete(coordinator, scheduled, "Task_ScheduleAppointment", Map.of("appointmentAt", appointment,
                "location", "Room 3"));
        Referral reported = submit("ROUTINE", "CARDIOLOGY", "five");
        complete(coordinator, reported, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        complete(coordinator, reported, "Task_ScheduleAppointment", Map.of("appointmentAt", appointment,
                "location", "Room 3"));
        complete(cardiologist, reported, "Task_ConductConsultation", Map.of("findings", "Normal echo.",
                "diagnosis", "Stable angina", "plan", "Aspirin.", "followUp", "NONE"));
        Referral asked = submit("ROUTINE", "CARDIOLOGY", "six");
        complete(coordinator, asked, "Task_TriageReferral",
                Map.of("decision", "REQUEST_INFO", "infoQuestion", "Please send the latest ECG."));
        Referral cancelling = submit("ROUTINE", "CARDIOLOGY", "seven");
        referrals.requestCancellation(gp, cancelling.id(), "Seen elsewhere already.");
        // a new patient, no consent recorded yet: no triage until the sender records it
        Referral waiting = referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient(
                hk.carerelay.consent.ConsentFixtures.newHkid(), token + " nine", "1971-07-07"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Palpitations", "Intermittent palpitations for a month."));
        Referral declined = submit("ROUTINE", "CARDIOLOGY", "eight");
        complete(coordinator, declined, "Task_TriageReferral", Map.of("decision", "DECLINE",
                "declineReasonCode", "SERVICE_NOT_PROVIDED", "declineReason", "Not for this clinic."));

        // the urgent referral's 4 hours pass; the routine one has 3 days
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofHours(5))));

        WorklistFilter probe = filter(WorklistScope.ORGANISATION);
        Map<Worklist, Long> counts = worklists.counts(coordinator, probe);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(Worklist.FOR_REVIEW, 2L,
                Worklist.INFO_REQUESTED, 1L, Worklist.AWAITING_BOOKING, 1L, Worklist.SCHEDULED, 1L,
                Worklist.AWAITING_OUTCOME, 1L, Worklist.OVERDUE, 1L, Worklist.CANCELLATION_REQUESTED, 1L,
                Worklist.AWAITING_CONSENT, 1L));

        assertThat(ids(Worklist.FOR_REVIEW, probe)).as("the urgent one is due first")
                .containsExactly(urgent.id(), routine.id());
        assertThat(ids(Worklist.OVERDUE, probe)).containsExactly(urgent.id());
        assertThat(ids(Worklist.AWAITING_BOOKING, probe)).containsExactly(accepted.id());
        assertThat(ids(Worklist.SCHEDULED, probe)).containsExactly(scheduled.id());
        assertThat(ids(Worklist.AWAITING_OUTCOME, probe)).containsExactly(reported.id());
        assertThat(ids(Worklist.INFO_REQUESTED, probe)).containsExactly(asked.id());
        assertThat(ids(Worklist.CANCELLATION_REQUESTED, probe)).containsExactly(cancelling.id());
        assertThat(ids(Worklist.AWAITING_CONSENT, probe)).containsExactly(waiting.id());
        assertThat(worklists.page(coordinator, Worklist.AWAITING_CONSENT, probe, 0, 20).items().get(0).taskId())
                .as("nothing to claim: the consent is the sender's to record").isNull();
        for (Worklist list : Worklist.values()) {
            assertThat(worklists.count(coordinator, list, probe)).as(list.path()).isEqualTo(counts.get(list));
        }

        WorklistRow first = worklists.page(coordinator, Worklist.FOR_REVIEW, probe, 0, 20).items().get(0);
        assertThat(first.taskId()).as("the triage task to claim").isEqualTo(task(coordinator, urgent,
                "Task_TriageReferral").id());
        assertThat(first.due()).isEqualTo(urgent.createdAt().plus(Duration.ofHours(4)));
        assertThat(first.patientName()).isEqualTo(token + " two");
        assertThat(worklists.page(coordinator, Worklist.CANCELLATION_REQUESTED, probe, 0, 20).items().get(0).taskId())
                .isEqualTo(task(coordinator, cancelling, "Task_ConfirmCancellation").id());
        assertThat(worklists.page(coordinator, Worklist.SCHEDULED, probe, 0, 20).items().get(0).taskId())
                .as("the consultation is the specialist's, not the coordinator's").isNull();

        WorklistFilter urgentOnly = new WorklistFilter(WorklistScope.ORGANISATION, null, Urgency.URGENT, token);
        assertThat(worklists.counts(coordinator, urgentOnly).get(Worklist.FOR_REVIEW)).isEqualTo(1);
        WorklistFilter endocrinology = new WorklistFilter(WorklistScope.ORGANISATION, "ENDOCRINOLOGY", null, token);
        assertThat(ids(Worklist.FOR_REVIEW, endocrinology)).containsExactly(urgent.id());
        WorklistFilter byId = new WorklistFilter(WorklistScope.ORGANISATION, null, null, accepted.id());
        assertThat(ids(Worklist.AWAITING_BOOKING, byId)).containsExactly(accepted.id());

        assertThat(worklists.counts(manager, probe).get(Worklist.FOR_REVIEW)).as("managers read").isEqualTo(2);
        assertThat(worklists.counts(otherHospital, probe).values()).as("another institution sees none of them")
                .containsOnly(0L);
        assertThat(lastSearchOf(coordinator)).isEqualTo("worklist awaiting-booking scope=organisation text page=0 returned=1");
    }

    @Test
    void searchingByHkidFindsThePatientsReferrals() {
        String hkid = Hkid.of("Z", String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000))).display();
        Referral referral = referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient(hkid, token + " h",
                "1960-01-01"), "HSC", "CARDIOLOGY", "ROUTINE", "Palpitations", "Holter pending."));
        // a new patient: triage (and the list) starts once the patient has consented to share
        assertThat(ids(Worklist.FOR_REVIEW, new WorklistFilter(WorklistScope.ORGANISATION, null, null, hkid)))
                .doesNotContain(referral.id());
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, gp, referral.id());
        assertThat(ids(Worklist.FOR_REVIEW, new WorklistFilter(WorklistScope.ORGANISATION, null, null, hkid)))
                .contains(referral.id());
    }

    @Test
    void bulkClaimClaimsWhatItCanAndReportsTheRest() {
        Referral first = submit("ROUTINE", "CARDIOLOGY", "a");
        Referral second = submit("URGENT", "CARDIOLOGY", "b");
        Referral third = submit("ROUTINE", "CARDIOLOGY", "c");
        String firstTask = task(coordinator, first, "Task_TriageReferral").id();
        String secondTask = task(coordinator, second, "Task_TriageReferral").id();
        String thirdTask = task(coordinator, third, "Task_TriageReferral").id();
        tasks.claim(otherCoordinator, firstTask);

        assertThat(worklists.counts(coordinator, filter(WorklistScope.ME)).get(Worklist.FOR_REVIEW)).isZero();
        List<Worklists.ClaimResult> results = worklists.claim(coordinator,
                List.of(firstTask, secondTask, "no-such-task", thirdTask));

        assertThat(results).extracting(Worklists.ClaimResult::taskId, Worklists.ClaimResult::outcome,
                Worklists.ClaimResult::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(firstTask, "FAILED", 409),
                        org.assertj.core.groups.Tuple.tuple(secondTask, "CLAIMED", 200),
                        org.assertj.core.groups.Tuple.tuple("no-such-task", "FAILED", 404),
                        org.assertj.core.groups.Tuple.tuple(thirdTask, "CLAIMED", 200));
        assertThat(results.get(0).message()).contains("coord.ip");
        assertThat(task(coordinator, second, "Task_TriageReferral").assignee()).isEqualTo("coord.wong");
        assertThat(task(coordinator, first, "Task_TriageReferral").assignee()).isEqualTo("coord.ip");
        assertThat(audit.forReferral(second.id())).extracting(AuditEntry::action).contains(AuditAction.TASK_CLAIM);

        assertThat(ids(Worklist.FOR_REVIEW, filter(WorklistScope.ME))).as("mine, urgent first")
                .containsExactly(second.id(), third.id());
        assertThat(ids(Worklist.FOR_REVIEW, filter(WorklistScope.ORGANISATION))).hasSize(3);
        assertThat(worklists.page(coordinator, Worklist.FOR_REVIEW, filter(WorklistScope.ME), 0, 20).items())
                .extracting(WorklistRow::assignee).containsOnly("coord.wong");

        assertThatThrownBy(() -> worklists.claim(manager, List.of(firstTask))).isInstanceOf(ForbiddenException.class);
        assertThat(fields(() -> worklists.claim(coordinator, List.of()))).containsExactly("taskIds");
        assertThat(fields(() -> worklists.claim(coordinator, java.util.Arrays.asList(firstTask, " "))))
                .containsExactly("taskIds[1]");
    }

    @Test
    void badFiltersAreRefusedByNameBeforeAnyQuery() {
        assertThat(fields(() -> Worklists.list("everything"))).containsExactly("list");
        assertThat(fields(() -> worklists.filter("everyone", "NOSUCH", "SOON", "x".repeat(101))))
                .containsExactly("scope", "specialty", "urgency", "q");
        assertThat(worklists.filter(null, " CARDIOLOGY ", "URGENT", "  ")).isEqualTo(
                new WorklistFilter(WorklistScope.ORGANISATION, "CARDIOLOGY", Urgency.URGENT, null));
        assertThat(fields(() -> worklists.page(coordinator, Worklist.FOR_REVIEW, WorklistFilter.ORGANISATION, 0, 101)))
                .containsExactly("size");
        assertThatThrownBy(() -> worklists.counts(cardiologist, WorklistFilter.ORGANISATION))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> worklists.counts(gp, WorklistFilter.ORGANISATION))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void savedFiltersBelongToTheirOwner() {
        WorklistFilter filter = new WorklistFilter(WorklistScope.ME, "CARDIOLOGY", Urgency.URGENT, "chan");
        SavedWorklistFilter saved = worklists.saveFilter(coordinator, token, "overdue", filter);
        assertThat(worklists.filters(coordinator)).contains(saved);
        assertThat(worklists.filters(coordinator).stream().filter(f -> f.id().equals(saved.id())).findFirst()
                .orElseThrow()).satisfies(f -> {
                    assertThat(f.list()).isEqualTo(Worklist.OVERDUE);
                    assertThat(f.filter()).isEqualTo(filter);
                });
        assertThat(worklists.filters(manager)).extracting(SavedWorklistFilter::id).doesNotContain(saved.id());
        assertThatThrownBy(() -> worklists.deleteFilter(manager, saved.id())).isInstanceOf(NotFoundException.class);
        assertThat(fields(() -> worklists.saveFilter(coordinator, token, "nowhere", filter)))
                .containsExactly("name", "list");
        assertThat(fields(() -> worklists.saveFilter(coordinator, " ", "overdue", filter))).containsExactly("name");

        worklists.deleteFilter(coordinator, saved.id());
        assertThat(worklists.filters(coordinator)).extracting(SavedWorklistFilter::id).doesNotContain(saved.id());
        assertThatThrownBy(() -> worklists.deleteFilter(coordinator, saved.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void stageTimesAreKeptAsTheReferralMovesOn() {
        Referral referral = submit("ROUTINE", "CARDIOLOGY", "stages");
        complete(coordinator, referral, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofHours(2))));
        complete(coordinator, referral, "Task_ScheduleAppointment", Map.of("appointmentAt", "2031-02-03T09:00",
                "location", "Room 2"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM referral WHERE id = ? AND scheduled_at > triaged_at "
                + "AND report_sent_at IS NULL AND closed_at IS NULL").param(referral.id()).query(Long.class).single())
                .isEqualTo(1);
    }

    private WorklistFilter filter(WorklistScope scope) {
        return new WorklistFilter(scope, null, null, token);
    }

    private List<String> ids(Worklist list, WorklistFilter filter) {
        return worklists.page(coordinator, list, filter, 0, 100).items().stream().map(WorklistRow::referralId).toList();
    }

    private String lastSearchOf(CareRelayUser user) {
        return jdbc.sql("SELECT detail FROM audit_event WHERE username = ? AND action = 'SEARCH' ORDER BY id DESC "
                + "FETCH FIRST 1 ROWS ONLY").param(user.username()).query(String.class).single();
    }

    private Referral submit(String urgency, String specialty, String suffix) {
        return referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient("A123456(3)",
                token + " " + suffix, "1958-03-14"), "HSC", specialty, urgency, "Exertional chest tightness",
                "Hypertension on amlodipine; resting ECG normal."));
    }

    private TaskView task(CareRelayUser user, Referral referral, String taskKey) {
        return tasks.openTasksOfCase(user, referral.id()).stream().filter(t -> t.taskKey().equals(taskKey))
                .findFirst().orElseThrow(() -> new AssertionError(taskKey + " is not open for " + referral.id()));
    }

    private void complete(CareRelayUser user, Referral referral, String taskKey, Map<String, ?> values) {
        tasks.complete(user, task(user, referral, taskKey).id(), values);
    }

    private static List<String> fields(Runnable action) {
        ValidationException e = catchThrowableOfType(ValidationException.class, action::run);
        assertThat(e).as("a validation error").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }
}
