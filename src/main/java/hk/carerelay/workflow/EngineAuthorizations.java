package hk.carerelay.workflow;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine's own authorizations, kept in line with CareRelay's access policy so that whoever reaches the engine
 * API (Cockpit, Tasklist, a future REST client) sees no more than CareRelay's screens show: system administrators
 * (group camunda-admin) everything; a task only its candidate groups and assignee (the engine grants those itself
 * when it creates the task); a process instance only the groups its feature shares it with when it starts it.
 */
@Component
public class EngineAuthorizations {

    private final AuthorizationService authorizations;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final String taskTable;
    private final String executionTable;
    private final String definitionTable;
    private final String authorizationTable;
    private final CommandExecutor commandExecutor;
    /** Start grants already made, so that a start asks the database only the first time per group and process. */
    private final Set<String> startsAllowed = ConcurrentHashMap.newKeySet();

    EngineAuthorizations(AuthorizationService authorizations, TaskService taskService, RuntimeService runtimeService,
            ManagementService managementService, ProcessEngineConfigurationImpl engineConfiguration) {
        this.authorizations = authorizations;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.taskTable = managementService.getTableName(Task.class);
        this.executionTable = managementService.getTableName(ProcessInstance.class);
        this.definitionTable = managementService.getTableName(ProcessDefinition.class);
        this.authorizationTable = managementService.getTableName(AuthorizationEntity.class);
        this.commandExecutor = engineConfiguration.getCommandExecutorTxRequired();
    }

    @EventListener(ApplicationReadyEvent.class)
    void grantAdministratorsAndOpenTasks() {
        for (Resources resource : EnumSet.allOf(Resources.class)) {
            grant(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
        // Tasks created before authorization was switched on have no grants of their own yet; one query finds them,
        // so a restart costs nothing once they are granted.
        for (Task task : taskService.createNativeTaskQuery()
                .sql("SELECT T.* FROM " + taskTable + " T WHERE NOT EXISTS (SELECT 1 FROM " + authorizationTable
                        + " A WHERE A.RESOURCE_TYPE_ = #{type} AND A.RESOURCE_ID_ = T.ID_)")
                .parameter("type", Resources.TASK.resourceType()).list()) {
            for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                    grant(link.getGroupId(), Resources.TASK, task.getId(), Permissions.READ, Permissions.UPDATE);
                }
            }
        }
    }

    /** Running instances of a process that no group has been given yet (started before authorization was on). */
    public List<ProcessInstance> instancesWithoutGrants(String processDefinitionKey) {
        return runtimeService.createNativeProcessInstanceQuery()
                .sql("SELECT E.* FROM " + executionTable + " E JOIN " + definitionTable + " D ON D.ID_ = E.PROC_DEF_ID_"
                        + " WHERE E.PARENT_ID_ IS NULL AND D.KEY_ = #{key} AND NOT EXISTS (SELECT 1 FROM "
                        + authorizationTable + " A WHERE A.RESOURCE_TYPE_ = #{type} AND A.RESOURCE_ID_ = E.ID_)")
                .parameter("key", processDefinitionKey).parameter("type", Resources.PROCESS_INSTANCE.resourceType())
                .list();
    }

    /** Lets the groups read a process instance (and, for {@code updaters}, correlate messages to it). */
    public void shareInstance(String processInstanceId, Collection<String> readers, Collection<String> updaters) {
        for (String group : readers) {
            grant(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
        }
        for (String group : updaters) {
            grant(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ, Permissions.UPDATE);
        }
    }

    /**
     * Shares a process instance started in this transaction, as {@link #shareInstance} does, in one engine command:
     * an instance this new has no grants yet, so none is looked up first, and the rows are inserted together.
     */
    public void shareNewInstance(String processInstanceId, Collection<String> readers, Collection<String> updaters) {
        Map<String, Permission[]> grants = new LinkedHashMap<>();
        for (String group : readers) {
            grants.put(group, new Permission[] {Permissions.READ});
        }
        for (String group : updaters) {
            grants.put(group, new Permission[] {Permissions.READ, Permissions.UPDATE});
        }
        commandExecutor.execute(commandContext -> {
            grants.forEach((group, permissions) -> {
                Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                authorization.setGroupId(group);
                authorization.setResource(Resources.PROCESS_INSTANCE);
                authorization.setResourceId(processInstanceId);
                for (Permission permission : permissions) {
                    authorization.addPermission(permission);
                }
                authorizations.saveAuthorization(authorization);
            });
            return null;
        });
    }

    /** Lets a group start instances of a process (both grants the engine checks for a start). */
    public void allowStart(String group, String processDefinitionKey) {
        String key = group + "|" + processDefinitionKey;
        if (startsAllowed.contains(key)) {
            return;
        }
        grant(group, Resources.PROCESS_DEFINITION, processDefinitionKey, Permissions.READ,
                Permissions.CREATE_INSTANCE);
        grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        // remembered only once committed: a start that fails rolls its grants back with it
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    startsAllowed.add(key);
                }
            });
        }
    }

    /** Adds the permissions to the group's grant on the resource, creating the grant if it has none (idempotent). */
    void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = false;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }
}
