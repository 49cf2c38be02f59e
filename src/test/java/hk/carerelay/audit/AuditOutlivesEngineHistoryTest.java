package hk.carerelay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.workflow.WorkflowTasks;

/** Engine history cleanup removes a finished case's history; the audit log about that case stays, and stays valid. */
@ApplicationTest
class AuditOutlivesEngineHistoryTest {

    @Autowired
    ReferralService referrals;

    @Autowired
    UserDirectory users;

    @Autowired
    HistoryService history;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    WorkflowTasks tasks;

    @Test
    void removingAFinishedInstancesHistoryLeavesItsAuditEntries() {
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        Referral referral = referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("M778899(7)", "Yeung Sau Ha", "1979-02-25"), "HSC", "ENDOCRINOLOGY",
                "ROUTINE", "History cleanup", "Audit must outlive the engine's history."));
        referrals.get(gp, referral.id());
        referrals.requestCancellation(gp, referral.id(), "Not needed");
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        String confirm = referrals.details(coordinator, referral.id()).openTasks().stream()
                .filter(t -> t.taskKey().equals("Task_ConfirmCancellation")).findFirst().orElseThrow().id();
        tasks.complete(coordinator, confirm, Map.of("cancellationDecision", "CONFIRM"));
        int before = audit.forReferral(referral.id()).size();
        assertThat(before).isGreaterThanOrEqualTo(3);

        // What the engine's history cleanup does to a finished instance whose time to live has passed.
        history.deleteHistoricProcessInstance(referral.processInstanceId());

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(referral.processInstanceId())
                .count()).isZero();
        assertThat(audit.forReferral(referral.id())).hasSizeGreaterThanOrEqualTo(before);
        assertThat(verifier.sealAndVerify().valid()).isTrue();
    }
}
