package hk.carerelay.workflow;

import java.time.Instant;

/** A task as the API and the task list show it, with the summary of its case. */
public record TaskView(String id, String taskKey, String name, String referralId, String processKey, String assignee,
        Instant created, Instant due, String formKey, int priority, CaseSummary summary) {

    public boolean isOverdue(Instant now) {
        return due != null && due.isBefore(now);
    }
}
