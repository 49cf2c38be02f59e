package hk.carerelay.workflow;

import java.util.Collection;
import java.util.EnumSet;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

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

    EngineAuthorizations(AuthorizationService authorizations, TaskService taskService) {
        this.authorizations = authorizations;
        this.taskService = taskService;
    }

    @EventListener(ApplicationReadyEvent.class)
    void grantAdministratorsAndOpenTasks() {
        for (Resources resource : EnumSet.allOf(Resources.class)) {
            grant(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
        // Tasks created before authorization was switched on have no grants of their own yet.
        for (Task task : taskService.createTaskQuery().list()) {
            for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                    grant(link.getGroupId(), Resources.TASK, task.getId(), Permissions.READ, Permissions.UPDATE);
                }
            }
        }
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

    /** Lets a group start instances of a process (both grants the engine checks for a start). */
    public void allowStart(String group, String processDefinitionKey) {
        grant(group, Resources.PROCESS_DEFINITION, processDefinitionKey, Permissions.READ,
                Permissions.CREATE_INSTANCE);
        grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
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
