package hk.carerelay.workflow;

import java.time.Instant;
import java.util.Map;

/** A completed task form as it was submitted: who, when, and the validated values. */
public record TaskSubmission(String id, String caseId, String taskId, String taskKey, String formId,
        Map<String, Object> values, String submittedBy, Instant submittedAt) {
}
