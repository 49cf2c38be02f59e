package hk.carerelay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The operations metrics follow what happens: referrals by status, SLA breaches, task completions, per task. */
@ApplicationTest
class OperationsMetricsTest {

    @Autowired
    MeterRegistry registry;
    @Autowired
    ReferralService referrals;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    ManagementService managementService;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void breachesCompletionsAndStatusCountsAreMeasured() {
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        double breachesBefore = registry.get("carerelay.sla.breaches").tag("urgency", "URGENT").counter().count();
        long completionsBefore = completions("Task_TriageReferral");

        Referral referral = referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient("A123456(3)",
                "Metrics Patient", "1958-03-14"), "HSC", "CARDIOLOGY", "URGENT", "Chest pain", "ECG pending."));
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofHours(4).plusMinutes(1))));
        Job timer = managementService.createJobQuery().processInstanceId(referral.processInstanceId()).timers()
                .executable().singleResult();
        managementService.executeJob(timer.getId());
        assertThat(registry.get("carerelay.sla.breaches").tag("urgency", "URGENT").counter().count())
                .isEqualTo(breachesBefore + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM referral WHERE id = ? AND triage_breached_at IS NOT NULL")
                .param(referral.id()).query(Long.class).single()).isEqualTo(1);

        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(OperationsMetrics.REFRESH).plusSeconds(1)));
        Map<String, Long> stored = new java.util.HashMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM referral GROUP BY status")
                .query(rs -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(registry.get("carerelay.referrals").tag("status", "RECEIVED").gauge().value())
                .isEqualTo(stored.get("RECEIVED").doubleValue());
        assertThat(registry.get("carerelay.referrals").tag("status", "DECLINED").gauge().value())
                .isEqualTo(stored.getOrDefault("DECLINED", 0L).doubleValue());

        TaskView triage = tasks.openTasksOfCase(coordinator, referral.id()).stream()
                .filter(t -> t.taskKey().equals("Task_TriageReferral")).findFirst().orElseThrow();
        tasks.complete(coordinator, triage.id(), Map.of("decision", "ACCEPT"));
        assertThat(completions("Task_TriageReferral")).isEqualTo(completionsBefore + 1);
    }

    private long completions(String taskKey) {
        Timer timer = registry.find("carerelay.task.completion").tag("task", taskKey).tag("outcome", "completed")
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
