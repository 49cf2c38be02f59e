package hk.carerelay.workflow;

import java.util.HashSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

import hk.carerelay.shared.ForbiddenException;

/**
 * Task listener on every user task's {@code complete} event: the authenticated user must belong to one of the task's
 * candidate groups, whose names carry institution, role and department. Guards completions that bypass the task
 * path (the engine webapps, a script), and stops them before anything is written.
 */
@Component("taskCompletionGuard")
class TaskCompletionGuard implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth == null || auth.getUserId() == null) {
            throw new ForbiddenException("Task " + task.getTaskDefinitionKey() + " can only be completed by a signed-in user.");
        }
        Set<String> candidateGroups = new HashSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                candidateGroups.add(link.getGroupId());
            }
        }
        boolean member = auth.getGroupIds() != null && auth.getGroupIds().stream().anyMatch(candidateGroups::contains);
        if (!member) {
            throw new ForbiddenException("User " + auth.getUserId() + " may not complete "
                    + task.getTaskDefinitionKey() + ": it needs one of " + candidateGroups + ".");
        }
    }
}
