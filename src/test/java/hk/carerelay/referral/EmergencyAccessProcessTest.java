package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.access.RecordSection;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.notification.Notifications;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Break-glass end to end: a clinician of one hospital opens a referral sent to another, reads it for an hour and no
 * longer, every read is flagged in the audit log, and the emergency-access-review process puts it before the managers
 * of the clinician's institution, whose finding is filed on the grant.
 */
@ApplicationTest
class EmergencyAccessProcessTest {

    private static final String REASON = "Patient collapsed in our A&E; need the cardiac history now.";

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ReferralService referrals;
    @Autowired
    EmergencyAccess emergencyAccess;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Notifications notifications;

    CareRelayUser gp;
    CareRelayUser cardiologist;
    CareRelayUser manager;
    String otherHospitalsReferral;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        gp = user("gp.chan");
        cardiologist = user("dr.lee");
        manager = user("manager.tsang");
        otherHospitalsReferral = referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient("A123456(3)", "Chan Tai Man", "1958-03-14"), "LRH", "CARDIOLOGY", "URGENT",
                "Chest pain at rest", "Known ischaemic heart disease; ECG with new ST depression.")).id();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void aClinicianOpensAReferralOutsideTheirScopeForAnHourAndNoLonger() {
        assertThatThrownBy(() -> referrals.details(cardiologist, otherHospitalsReferral))
                .isInstanceOf(NotFoundException.class);

        EmergencyGrant grant = emergencyAccess.open(cardiologist, otherHospitalsReferral, REASON);
        assertThat(grant.expiresAt()).isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(1)));
        assertThat(emergencyAccess.open(cardiologist, otherHospitalsReferral, REASON).id())
                .as("asking again within the hour returns the same grant").isEqualTo(grant.id());

        ReferralService.Details details = referrals.details(cardiologist, otherHospitalsReferral);
        assertThat(details.emergencyAccess().id()).isEqualTo(grant.id());
        assertThat(details.referral().clinicalSummary()).contains("ST depression");
        assertThat(details.referral().patientName()).isEqualTo("Chan Tai Man");
        assertThat(details.withheld()).isEmpty();
        assertThat(details.openTasks()).as("emergency access is read-only: no tasks").isEmpty();
        assertThat(tasks.tasksFor(cardiologist)).noneMatch(t -> otherHospitalsReferral.equals(t.referralId()));

        assertThat(jdbc.sql("""
                SELECT detail FROM audit_event WHERE username = 'dr.lee' AND action = 'BREAK_GLASS'
                AND referral_id = ? ORDER BY id""").param(otherHospitalsReferral).query(String.class).list())
                .as("the grant and every read under it are flagged")
                .hasSize(2)
                .anySatisfy(d -> assertThat(d).contains("reason: " + REASON))
                .anySatisfy(d -> assertThat(d).contains("viewed under emergency access grant " + grant.id()));

        ClockUtil.setCurrentTime(Date.from(grant.expiresAt().plusSeconds(1)));
        assertThatThrownBy(() -> referrals.details(cardiologist, otherHospitalsReferral))
                .as("after the hour the referral is out of reach again").isInstanceOf(NotFoundException.class);
    }

    @Test
    void theManagersOfTheCliniciansInstitutionReviewAndAJustifiedAccessRunsItsCourse() {
        EmergencyGrant grant = emergencyAccess.open(cardiologist, otherHospitalsReferral, REASON);
        ProcessInstance review = runtimeService.createProcessInstanceQuery()
                .processInstanceId(grant.processInstanceId()).singleResult();
        assertThat(review).isWaitingAt("Task_ReviewEmergencyAccess");
        assertThat(review.getBusinessKey()).isEqualTo(grant.id());
        String taskId = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult().getId();
        assertThat(taskService.getIdentityLinksForTask(taskId)).extracting(IdentityLink::getGroupId)
                .containsExactly("HSC-MANAGER");

        assertThat(notifications.forUser(manager, 50)).anySatisfy(n -> {
            assertThat(n.messageKey()).isEqualTo("notification.emergency.granted");
            assertThat(n.referralId()).as("no link to a record the manager may not open").isNull();
        });
        assertThat(tasks.tasksFor(user("coord.wong"))).noneMatch(t -> t.id().equals(taskId));
        assertThat(tasks.tasksFor(user("coord.cheung"))).noneMatch(t -> t.id().equals(taskId));
        TaskView task = tasks.tasksFor(manager).stream().filter(t -> t.id().equals(taskId)).findFirst().orElseThrow();
        assertThat(task.summary().patientName()).as("the review shows no patient data").isNull();
        assertThat(emergencyAccess.forReview(manager, grant.id()).reason()).isEqualTo(REASON);
        assertThatThrownBy(() -> emergencyAccess.forReview(user("coord.wong"), grant.id()))
                .isInstanceOf(NotFoundException.class);

        assertThatThrownBy(() -> tasks.complete(manager, taskId, Map.of("reviewOutcome", "JUSTIFIED")))
                .as("findings are required").isInstanceOf(ValidationException.class);
        tasks.complete(manager, taskId, Map.of("reviewOutcome", "JUSTIFIED",
                "reviewComment", "Seen in A&E with chest pain; access was needed."));

        assertThat(review).isEnded().hasPassed("EndEvent_AccessJustified");
        EmergencyGrant reviewed = emergencyAccess.find(grant.id()).orElseThrow();
        assertThat(reviewed.reviewOutcome()).isEqualTo("JUSTIFIED");
        assertThat(reviewed.reviewedBy()).isEqualTo("manager.tsang");
        assertThat(reviewed.reviewComment()).contains("A&E");
        assertThat(reviewed.expiresAt()).as("a justified grant keeps its hour").isEqualTo(grant.expiresAt());
        assertThat(referrals.details(cardiologist, otherHospitalsReferral).emergencyAccess()).isNotNull();
    }

    @Test
    void anAccessFoundNotJustifiedEndsAtOnceAndIsReferredOn() {
        EmergencyGrant grant = emergencyAccess.open(cardiologist, otherHospitalsReferral, REASON);
        String taskId = taskService.createTaskQuery().processInstanceId(grant.processInstanceId()).singleResult().getId();
        tasks.complete(manager, taskId, Map.of("reviewOutcome", "NOT_JUSTIFIED",
                "reviewComment", "No record of this patient attending our A&E."));

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(grant.processInstanceId()).count())
                .isZero();
        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(grant.processInstanceId()).activityId("EndEvent_AccessReferred").count()).isOne();
        assertThatThrownBy(() -> referrals.details(cardiologist, otherHospitalsReferral))
                .as("the grant ended with the finding").isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyCliniciansWithAReasonAndNoOtherWayInMayBreakTheGlass() {
        assertThatThrownBy(() -> emergencyAccess.open(user("admin.ng"), otherHospitalsReferral, REASON))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> emergencyAccess.open(user("intern.lam"), otherHospitalsReferral, REASON))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> emergencyAccess.open(manager, otherHospitalsReferral, REASON))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> emergencyAccess.open(cardiologist, otherHospitalsReferral, "urgent"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> emergencyAccess.open(cardiologist, otherHospitalsReferral, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> emergencyAccess.open(cardiologist, "no-such-referral", REASON))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> emergencyAccess.open(gp, otherHospitalsReferral, REASON))
                .as("the sender already sees it").isInstanceOf(ConflictException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM emergency_access WHERE referral_id = ?")
                .param(otherHospitalsReferral).query(Long.class).single()).as("refusals leave nothing behind").isZero();
    }

    @Test
    void emergencyAccessShowsWhatThePolicyAllowsTheRole() {
        CareRelayUser nurse = user("nurse.ho");
        emergencyAccess.open(nurse, otherHospitalsReferral, REASON);
        Referral seen = referrals.get(nurse, otherHospitalsReferral);
        assertThat(seen.reason()).isEqualTo("Chest pain at rest");
        assertThat(referrals.details(nurse, otherHospitalsReferral).withheld()).doesNotContain(RecordSection.values());
        List<String> visibleToOthers = tasks.tasksFor(nurse).stream().map(TaskView::referralId).toList();
        assertThat(visibleToOthers).doesNotContain(otherHospitalsReferral);
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }
}
