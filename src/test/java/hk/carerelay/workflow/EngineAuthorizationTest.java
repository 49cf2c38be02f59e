package hk.carerelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;

/**
 * Someone who reached the engine API directly (Cockpit, Tasklist, a REST client) as a CareRelay user would see the
 * same tasks as CareRelay's task list shows them and the process instances of the referrals they may open; only
 * system administrators see everything.
 */
@ApplicationTest
class EngineAuthorizationTest {

    @Autowired
    ProcessEngineConfiguration configuration;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    private <T> T as(CareRelayUser user, Supplier<T> call) {
        identityService.setAuthentication(user.username(), user.engineGroups());
        try {
            return call.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    @Test
    void authorizationIsOn() {
        assertThat(configuration.isAuthorizationEnabled()).isTrue();
    }

    @Test
    void everyUserSeesInTheEngineExactlyTheTasksOfTheirTaskList() {
        long allTasks = taskService.createTaskQuery().count();
        assertThat(allTasks).as("demo data has open tasks").isPositive();
        for (CareRelayUser user : users.all()) {
            Set<String> taskList = tasks.tasksFor(user).stream().map(TaskView::id).collect(Collectors.toSet());
            Set<String> engine = as(user, () -> taskService.createTaskQuery().list()).stream().map(Task::getId)
                    .collect(Collectors.toSet());
            if (user.role() == Role.SYSADMIN) {
                assertThat(engine).as(user.username()).hasSize((int) allTasks);
            } else {
                assertThat(engine).as(user.username()).isEqualTo(taskList);
            }
        }
    }

    @Test
    void everyUserSeesInTheEngineOnlyTheProcessesOfReferralsInTheirScope() {
        List<ProcessInstance> all = runtimeService.createProcessInstanceQuery().processDefinitionKey("referral").list();
        for (CareRelayUser user : users.all()) {
            Set<String> engine = as(user, () -> runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey("referral").list()).stream().map(ProcessInstance::getBusinessKey)
                    .collect(Collectors.toSet());
            Set<String> inScope = new HashSet<>(jdbc.sql("""
                    SELECT id FROM referral WHERE (sending_institution = :i OR receiving_institution = :i)
                    AND (:role <> 'INTERN' OR specialty = :d)""")
                    .param("i", user.institution()).param("role", user.role().name())
                    .param("d", user.department() == null ? "" : user.department()).query(String.class).list());
            Set<String> running = all.stream().map(ProcessInstance::getBusinessKey).collect(Collectors.toSet());
            switch (user.role()) {
                case SYSADMIN -> assertThat(engine).as(user.username()).isEqualTo(running);
                case AUDITOR, METRICS -> assertThat(engine).as(user.username()).isEmpty();
                default -> {
                    inScope.retainAll(running);
                    assertThat(engine).as(user.username()).isEqualTo(inScope);
                }
            }
        }
        CareRelayUser intern = users.find("intern.lam").orElseThrow();
        assertThat(as(intern, () -> runtimeService.createProcessInstanceQuery().processDefinitionKey("referral").list()))
                .as("an intern sees processes of their own department only").isNotEmpty()
                .allSatisfy(p -> assertThat(jdbc.sql("SELECT specialty FROM referral WHERE id = ?")
                        .param(p.getBusinessKey()).query(String.class).single()).isEqualTo("ENDOCRINOLOGY"));
    }

    @Test
    void everyUserIsAMemberInTheEngineOfTheirGroupsAndAReferralIsSharedWithOneGroupPerInstitution() {
        for (CareRelayUser user : users.all()) {
            Set<String> memberships = identityService.createGroupQuery().groupMember(user.username()).list().stream()
                    .map(org.camunda.bpm.engine.identity.Group::getId).collect(Collectors.toSet());
            assertThat(memberships).as(user.username()).containsExactlyInAnyOrderElementsOf(user.engineGroups());
            assertThat(user.engineGroups().contains(CareRelayUser.casesGroup(user.institution())))
                    .as(user.username()).isEqualTo(user.role().seesInstitutionCases());
        }
        var referral = jdbc.sql("""
                SELECT process_instance_id, sending_institution, receiving_institution, specialty FROM referral
                WHERE process_instance_id IS NOT NULL AND sending_institution <> receiving_institution
                AND status NOT IN ('COMPLETED', 'DECLINED', 'CANCELLED') ORDER BY created_at DESC""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list().get(0);
        Set<String> grantedGroups = authorizationService.createAuthorizationQuery()
                .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE)
                .resourceId(referral.get(0)).list().stream()
                .map(org.camunda.bpm.engine.authorization.Authorization::getGroupId).collect(Collectors.toSet());
        assertThat(grantedGroups).containsExactlyInAnyOrder(CareRelayUser.casesGroup(referral.get(1)),
                CareRelayUser.casesGroup(referral.get(2)),
                CareRelayUser.group(referral.get(1), Role.INTERN, referral.get(3)),
                CareRelayUser.group(referral.get(2), Role.INTERN, referral.get(3)),
                CareRelayUser.group(referral.get(1), Role.REFERRING_DOCTOR));
    }

    @Autowired
    org.camunda.bpm.engine.HistoryService historyService;
    @Autowired
    hk.carerelay.referral.ReferralService referrals;
    @Autowired
    hk.carerelay.consent.ConsentService consents;

    @Test
    void theTaskPathCompletesAsTheUserWhileTheEngineApiStillChecksTheirGrants() {
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        // a referral of its own: any open triage task could be one whose referral waits for a cancellation or consent
        hk.carerelay.referral.Referral sent = referrals.submit(gp, new hk.carerelay.referral.ReferralRequest(
                new hk.carerelay.referral.ReferralRequest.Patient(hk.carerelay.consent.ConsentFixtures.newHkid(),
                        "Grant Test", "1970-01-01"), "HSC", "CARDIOLOGY", "ROUTINE", "Review",
                "Summary for the engine grant test."));
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, gp, sent.id());
        Task triage = taskService.createTaskQuery().processInstanceBusinessKey(sent.id())
                .taskDefinitionKey("Task_TriageReferral").taskCandidateGroup("HSC-COORDINATOR").active().singleResult();

        assertThatThrownBy(() -> as(gp, () -> {
            taskService.complete(triage.getId(), java.util.Map.of("decision", "ACCEPT"));
            return null;
        })).as("the engine API refuses a user without a grant on the task")
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);

        tasks.complete(coordinator, triage.getId(), java.util.Map.of("decision", "ACCEPT"));

        assertThat(taskService.createTaskQuery().taskId(triage.getId()).count()).isZero();
        assertThat(historyService.createUserOperationLogQuery().taskId(triage.getId())
                .operationType(org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
                .as("the engine records the completion as the signed-in user").isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.getUserId()).isEqualTo("coord.wong"));
    }

    @Autowired
    EngineAuthorizations engineAuthorizations;
    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizationService;

    @Test
    void aTaskWithoutGrantsGetsThemForItsCandidateGroupsAtStart() {
        Task task = taskService.createTaskQuery().taskCandidateGroup("HSC-COORDINATOR").listPage(0, 1).get(0);
        authorizationService.createAuthorizationQuery()
                .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(task.getId()).list()
                .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        assertThat(as(coordinator, () -> taskService.createTaskQuery().taskId(task.getId()).count())).isZero();

        engineAuthorizations.grantAdministratorsAndOpenTasks();

        assertThat(as(coordinator, () -> taskService.createTaskQuery().taskId(task.getId()).count())).isOne();
    }
}
