package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.patient.Hkid;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * The data generator on a small set: every status, valid HKIDs, plausible stage times, running processes for the open
 * referrals, and the coordinator's worklist counts grown by exactly what a count of the generated rows says.
 */
@ApplicationTest
class ReferralGeneratorTest {

    @Autowired
    ReferralGenerator generator;
    @Autowired
    Worklists worklists;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    TaskService taskService;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    private record Row(String id, ReferralStatus status, String receiving, Instant triageDue, Instant created,
            Instant triaged, Instant scheduled, Instant reportSent, Instant closed, Instant breached,
            String processInstance, String hkid) {
    }

    @Test
    void generatesEveryStatusWithOpenOnesWorkableAndWorklistsCountingThem() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        Map<Worklist, Long> before = worklists.counts(coordinator, WorklistFilter.ORGANISATION);

        ReferralGenerator.Result result = generator.generate(240, Duration.ofDays(120), 20261127L);

        List<Row> rows = jdbc.sql("""
                SELECT r.id, r.status, r.receiving_institution, r.triage_due, r.created_at, r.triaged_at,
                       r.scheduled_at, r.report_sent_at, r.closed_at, r.triage_breached_at, r.process_instance_id,
                       p.hkid
                FROM referral r JOIN patient p ON p.id = r.patient_id WHERE r.id IN (:ids)""")
                .param("ids", result.referralIds())
                .query((rs, n) -> new Row(rs.getString(1), ReferralStatus.valueOf(rs.getString(2)), rs.getString(3),
                        instant(rs.getObject(4, OffsetDateTime.class)), instant(rs.getObject(5, OffsetDateTime.class)),
                        instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class)),
                        instant(rs.getObject(8, OffsetDateTime.class)), instant(rs.getObject(9, OffsetDateTime.class)),
                        instant(rs.getObject(10, OffsetDateTime.class)), rs.getString(11), rs.getString(12)))
                .list();
        assertThat(rows).hasSize(240);

        Map<ReferralStatus, Integer> counted = new EnumMap<>(ReferralStatus.class);
        rows.forEach(r -> counted.merge(r.status(), 1, Integer::sum));
        assertThat(counted).as("the reported counts per status").isEqualTo(result.byStatus());
        assertThat(counted.keySet()).as("every status").containsExactlyInAnyOrder(ReferralStatus.values());
        assertThat(rows).allSatisfy(r -> assertThat(Hkid.isValid(r.hkid())).isTrue());
        assertThat(rows).filteredOn(r -> r.created().isAfter(now)).isEmpty();
        assertThat(rows).filteredOn(r -> r.created().isBefore(now.minus(Duration.ofDays(121)))).isEmpty();
        assertThat(rows).as("some triage SLAs missed").anyMatch(r -> r.breached() != null);
        assertThat(rows).as("stages in order").allSatisfy(r -> {
            if (r.triaged() != null) {
                assertThat(r.triaged()).isAfterOrEqualTo(r.created());
            }
            if (r.scheduled() != null) {
                assertThat(r.scheduled()).isAfterOrEqualTo(r.triaged());
            }
            if (r.reportSent() != null) {
                assertThat(r.reportSent()).isAfter(r.scheduled());
            }
            assertThat(r.closed() != null).isEqualTo(r.status().isTerminal());
        });

        // open referrals run in the engine, waiting at their step; closed ones have no process
        List<Row> open = rows.stream().filter(r -> !r.status().isTerminal()).toList();
        assertThat(result.processesStarted()).isEqualTo(open.size());
        assertThat(rows).allSatisfy(r -> assertThat(r.processInstance() != null).isEqualTo(!r.status().isTerminal()));
        Map<String, String> expectedStep = Map.of("RECEIVED", "Task_TriageReferral",
                "INFO_REQUESTED", "Task_ProvideMoreInformation", "ACCEPTED", "Task_ScheduleAppointment",
                "SCHEDULED", "Task_ConductConsultation", "REPORT_SENT", "Task_AcknowledgeOutcome",
                "CANCELLATION_REQUESTED", "Task_ConfirmCancellation");
        Set<String> granted = new HashSet<>(jdbc.sql("""
                SELECT r.id FROM referral r JOIN consent k ON k.status = 'GRANTED' AND (k.referral_id = r.id
                    OR (k.scope = 'INSTITUTION' AND k.patient_id = r.patient_id
                        AND k.receiving_institution = r.receiving_institution))
                WHERE r.id IN (:ids)""").param("ids", result.referralIds()).query(String.class).list());
        Set<String> ownGrant = new HashSet<>(jdbc.sql("SELECT referral_id FROM consent WHERE referral_id IN (:ids)"
                + " AND status = 'GRANTED'").param("ids", result.referralIds()).query(String.class).list());
        int awaitingConsent = 0;
        for (Row r : open) {
            List<String> steps = taskService.createTaskQuery().processInstanceId(r.processInstance()).list().stream()
                    .map(Task::getTaskDefinitionKey).toList();
            if (steps.contains("Task_ObtainConsent")) {
                // still waiting for the patient's consent: received, not yet at triage, no consent granted
                assertThat(r.status()).isEqualTo(ReferralStatus.RECEIVED);
                assertThat(r.triageDue()).isNull();
                assertThat(ownGrant).doesNotContain(r.id());
                awaitingConsent++;
            } else {
                assertThat(steps).as(r.status() + " " + r.id()).contains(expectedStep.get(r.status().name()));
                assertThat(granted).as("past the sharing step with consent").contains(r.id());
            }
        }
        assertThat(awaitingConsent).as("some wait for consent").isPositive();

        // coded decline reasons, and SLA clocks with breaches at several steps
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT decline_reason_code) FROM referral WHERE id IN (:ids)"
                + " AND status = 'DECLINED'").param("ids", result.referralIds()).query(Long.class).single())
                .isGreaterThan(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM referral WHERE id IN (:ids) AND status = 'DECLINED'"
                + " AND decline_reason_code IS NULL").param("ids", result.referralIds()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT task_key) FROM sla_clock WHERE case_id IN (:ids)"
                + " AND breached_at IS NOT NULL").param("ids", result.referralIds()).query(Long.class).single())
                .isGreaterThan(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sla_clock WHERE case_id IN (:ids) AND (due_at < started_at"
                + " OR ended_at < started_at OR breached_at <> due_at)").param("ids", result.referralIds())
                .query(Long.class).single()).as("clock times in order").isZero();

        Row received = open.stream().filter(r -> r.status() == ReferralStatus.RECEIVED && "HSC".equals(r.receiving())
                && r.triageDue() != null).findFirst().orElseThrow();
        TaskView triage = tasks.openTasksOfCase(coordinator, received.id()).stream()
                .filter(t -> t.taskKey().equals("Task_TriageReferral")).findFirst().orElseThrow();
        assertThat(triage.due()).isEqualTo(received.triageDue());
        assertThat(tasks.claim(coordinator, triage.id()).assignee()).as("workable like any other").isEqualTo("coord.wong");

        // the worklists grew by what a count of the generated rows received at HSC says
        Map<Worklist, Long> after = worklists.counts(coordinator, WorklistFilter.ORGANISATION);
        Map<Worklist, Long> handCount = new HashMap<>();
        for (Worklist list : Worklist.values()) {
            handCount.put(list, rows.stream().filter(r -> "HSC".equals(r.receiving()) && r.status() == list.status()
                    && (list != Worklist.OVERDUE || r.triageDue() != null && r.triageDue().isBefore(now))
                    // received but still waiting for consent: no triage clock, awaiting consent, not for review
                    && (list != Worklist.FOR_REVIEW || r.triageDue() != null)
                    && (list != Worklist.AWAITING_CONSENT || r.triageDue() == null)).count());
        }
        for (Worklist list : Worklist.values()) {
            assertThat(after.get(list) - before.get(list)).as(list.path()).isEqualTo(handCount.get(list));
        }
        assertThat(handCount.get(Worklist.FOR_REVIEW)).isPositive();
        assertThat(handCount.get(Worklist.AWAITING_CONSENT)).isPositive();
    }

    @Test
    void theCommandRefusesProductionAndBadOptions() {
        assertThat(ReferralGeneratorCommand.options(new DefaultApplicationArguments("--generate-referrals=10"), true)
                .refusal()).contains("prod");
        assertThat(ReferralGeneratorCommand.options(new DefaultApplicationArguments("--generate-referrals=10",
                "--allow-production-data-generation"), true).refusal()).isNull();
        assertThat(ReferralGeneratorCommand.options(new DefaultApplicationArguments("--generate-referrals=0"), false)
                .refusal()).contains("between 1 and");
        assertThat(ReferralGeneratorCommand.options(new DefaultApplicationArguments("--generate-referrals=ten"), false)
                .refusal()).contains("between 1 and");
        assertThat(ReferralGeneratorCommand.options(new DefaultApplicationArguments("--generate-referrals=5",
                "--years=0"), false).refusal()).contains("--years");
        ReferralGeneratorCommand.Options ok = ReferralGeneratorCommand.options(new DefaultApplicationArguments(
                "--generate-referrals=5", "--years=2", "--seed=42"), false);
        assertThat(ok).isEqualTo(new ReferralGeneratorCommand.Options(5, 2, 42L, null));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
