package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
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
import hk.carerelay.access.RecordSection;
import hk.carerelay.consent.Consent;
import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consent.ConsentRequest;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.notification.Notification;
import hk.carerelay.notification.Notifications;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * The consent paths of referral.bpmn (ADR 0019): the sharing step waits for consent and the receiving side sees the
 * administrative part only until then; a withdrawal or an expiry mid-referral pauses it with a task for the sender,
 * who records consent again or cancels.
 */
@ApplicationTest
class ReferralConsentProcessTest {

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    ReferralService referrals;
    @Autowired
    ConsentService consents;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    Notifications notifications;
    @Autowired
    UserDirectory users;

    CareRelayUser gp;
    CareRelayUser coordinator;
    CareRelayUser cardiologist;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        gp = users.find("gp.chan").orElseThrow();
        coordinator = users.find("coord.wong").orElseThrow();
        cardiologist = users.find("dr.lee").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void withoutConsentTheReferralWaitsAtTheSharingStepAndTheReceiverSeesTheAdministrativePartOnly() {
        Referral referral = submit();

        assertThat(process(referral)).hasPassed("Task_CheckSharingConsent").isWaitingAtExactly("Task_ObtainConsent");
        assertThat(taskKeys(gp, referral)).containsExactly("Task_ObtainConsent");
        assertThat(taskKeys(coordinator, referral)).doesNotContain("Task_TriageReferral");
        ReferralService.Details details = referrals.details(coordinator, referral.id());
        assertThat(details.referral().patientName()).isEqualTo("Consent Patient");
        assertThat(details.referral().clinicalSummary()).isNull();
        assertThat(details.referral().reason()).isNull();
        assertThat(details.withheld()).contains(RecordSection.REFERRAL_SUMMARY);
        assertThat(referrals.sectionAccess(coordinator, referral.id(), RecordSection.DOCUMENTS).orElseThrow()
                .access().allowsRead()).isFalse();
        assertThat(referrals.sectionAccess(coordinator, referral.id(), RecordSection.MESSAGES).orElseThrow()
                .access().allowsWrite()).isTrue();
        assertThat(referrals.get(gp, referral.id()).clinicalSummary()).as("the sender sees its own letter").isNotNull();

        ConsentFixtures.consentToShare(consents, gp, referral.id());

        assertThat(process(referral)).hasPassed("Message_ConsentRecordedWhileWaiting", "Task_StartTriageClock")
                .isWaitingAtExactly("Task_TriageReferral");
        assertThat(referrals.get(coordinator, referral.id()).clinicalSummary()).isEqualTo("Breathless on exertion.");
        assertThat(referrals.sectionAccess(coordinator, referral.id(), RecordSection.DOCUMENTS).orElseThrow()
                .access().allowsRead()).isTrue();
    }

    @Test
    void theSenderChecksAgainWithoutConsentAndStaysAtTheSharingStepThenCancels() {
        Referral referral = submit();

        complete(gp, referral, "Task_ObtainConsent", Map.of("consentAction", "RECHECK"));
        assertThat(process(referral)).isWaitingAtExactly("Task_ObtainConsent");

        complete(gp, referral, "Task_ObtainConsent", Map.of("consentAction", "CANCEL"));
        assertThat(process(referral)).hasPassed("Task_CancelWithoutConsent", "EndEvent_CancelledWithoutConsent")
                .isEnded();
        assertThat(referrals.get(gp, referral.id()).status()).isEqualTo(ReferralStatus.CANCELLED);
    }

    @Test
    void aRefusalKeepsTheReferralWaitingForConsent() {
        Referral referral = submit();
        consents.record(gp, new ConsentRequest("REFERRAL", referral.id(), null, null, "REFUSED", null, true, null,
                null, ConsentFixtures.signature()));
        assertThat(process(referral)).isWaitingAtExactly("Task_ObtainConsent");
        assertThat(referrals.get(coordinator, referral.id()).clinicalSummary()).isNull();
    }

    @Test
    void withdrawalMidReferralPausesItWithATaskForTheSenderUntilConsentIsRecordedAgain() {
        Referral referral = submit();
        Consent consent = ConsentFixtures.consentToShare(consents, gp, referral.id());
        complete(coordinator, referral, "Task_TriageReferral", Map.of("decision", "ACCEPT"));
        assertThat(process(referral)).isWaitingAtExactly("Task_ScheduleAppointment");

        consents.withdraw(gp, consent.id(), "Patient no longer wishes to share");

        assertThat(process(referral)).hasPassed("StartEvent_SharingConsentLost")
                .isWaitingAtExactly("Task_ScheduleAppointment", "SubProcess_SharingConsentLost", "Task_ReobtainConsent");
        assertThat(taskKeys(gp, referral)).contains("Task_ReobtainConsent");
        assertThat(referrals.get(coordinator, referral.id()).clinicalSummary()).isNull();
        assertThat(referrals.sectionAccess(cardiologist, referral.id(), RecordSection.DOCUMENTS).orElseThrow()
                .access().allowsRead()).isFalse();
        String schedule = taskOf(coordinator, referral, "Task_ScheduleAppointment").id();
        assertThatThrownBy(() -> tasks.complete(coordinator, schedule, Map.of("appointmentAt",
                LocalDate.now(HongKongTime.ZONE).plusDays(7) + "T10:00", "location", "Room 1")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("paused");
        assertThat(messages(coordinator, referral)).contains("notification.consent.withdrawn");
        assertThat(messages(gp, referral)).contains("notification.consent.withdrawn");

        ConsentFixtures.consentToShare(consents, gp, referral.id());

        assertThat(process(referral)).hasPassed("Message_ConsentRegained", "EndEvent_SharingResumed")
                .isWaitingAtExactly("Task_ScheduleAppointment");
        assertThat(referrals.get(coordinator, referral.id()).clinicalSummary()).isNotNull();
    }

    @Test
    void afterWithdrawalTheSenderMayCancelTheReferral() {
        Referral referral = submit();
        Consent consent = ConsentFixtures.consentToShare(consents, gp, referral.id());
        consents.withdraw(gp, consent.id(), "Withdrawn");

        complete(gp, referral, "Task_ReobtainConsent", Map.of("consentAction", "RECHECK"));
        assertThat(process(referral)).hasPassed("Task_RecheckSharingConsent")
                .isWaitingAtExactly("Task_TriageReferral", "SubProcess_SharingConsentLost", "Task_ReobtainConsent");

        complete(gp, referral, "Task_ReobtainConsent", Map.of("consentAction", "CANCEL"));
        assertThat(process(referral)).hasPassed("EndEvent_CancelAfterConsentLost", "Task_CancelReferral").isEnded();
        assertThat(referrals.get(gp, referral.id()).status()).isEqualTo(ReferralStatus.CANCELLED);
    }

    @Test
    void expiryByTheConsentTimerPausesARunningReferral() {
        Referral referral = submit();
        LocalDate lastDay = LocalDate.now(HongKongTime.ZONE).plusDays(3);
        Consent consent = consents.record(gp, new ConsentRequest("REFERRAL", referral.id(), null, null, "GRANTED",
                lastDay.toString(), true, null, null, ConsentFixtures.signature()));
        assertThat(process(referral)).isWaitingAtExactly("Task_TriageReferral");

        ClockUtil.setCurrentTime(Date.from(consent.validUntil().plus(Duration.ofMinutes(1))));
        List<Job> due = managementService.createJobQuery().processInstanceId(consent.processInstanceId()).timers()
                .executable().list();
        assertThat(due).hasSize(1);
        managementService.executeJob(due.get(0).getId());

        assertThat(process(referral)).isWaitingAtExactly("Task_TriageReferral", "SubProcess_SharingConsentLost", "Task_ReobtainConsent");
        assertThat(referrals.get(coordinator, referral.id()).clinicalSummary()).isNull();
        assertThat(messages(coordinator, referral)).contains("notification.consent.expired");
    }

    private Referral submit() {
        return referrals.submit(gp, new ReferralRequest(new ReferralRequest.Patient(ConsentFixtures.newHkid(),
                "Consent Patient", "1966-08-16"), "HSC", "CARDIOLOGY", "ROUTINE", "Breathlessness",
                "Breathless on exertion."));
    }

    private ProcessInstance process(Referral referral) {
        String id = referrals.findForProcess(referral.id()).orElseThrow().processInstanceId();
        ProcessInstance running = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
        return running != null ? running : BpmnAwareTests.historyService().createHistoricProcessInstanceQuery()
                .processInstanceId(id).singleResult() == null ? null : new Ended(id);
    }

    private record Ended(String id) implements ProcessInstance {
        public String getId() { return id; }
        public String getProcessInstanceId() { return id; }
        public String getProcessDefinitionId() { return null; }
        public String getProcessDefinitionKey() { return "referral"; }
        public String getBusinessKey() { return null; }
        public String getRootProcessInstanceId() { return id; }
        public String getCaseInstanceId() { return null; }
        public boolean isSuspended() { return false; }
        public boolean isEnded() { return true; }
        public String getTenantId() { return null; }
    }

    private List<String> taskKeys(CareRelayUser user, Referral referral) {
        return tasks.openTasksOfCase(user, referral.id()).stream().map(TaskView::taskKey).toList();
    }

    private TaskView taskOf(CareRelayUser user, Referral referral, String key) {
        return tasks.openTasksOfCase(user, referral.id()).stream().filter(t -> t.taskKey().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not open for " + user.username() + ": "
                        + taskKeys(user, referral)));
    }

    private void complete(CareRelayUser user, Referral referral, String key, Map<String, ?> values) {
        tasks.complete(user, taskOf(user, referral, key).id(), values);
    }

    private List<String> messages(CareRelayUser user, Referral referral) {
        return notifications.forUser(user, 1000).stream().filter(n -> referral.id().equals(n.referralId()))
                .map(Notification::messageKey).toList();
    }
}
