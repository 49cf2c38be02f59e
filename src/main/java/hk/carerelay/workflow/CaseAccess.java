package hk.carerelay.workflow;

import java.util.Collection;
import java.util.Map;

import hk.carerelay.identity.CareRelayUser;

/**
 * What the workflow needs from the feature that owns a process's cases (a referral, later a consent or a
 * handover): whether a user may see a case, a short summary for task lists, and a last say before a task completes.
 * The process instance's business key is the case id.
 */
public interface CaseAccess {

    /** The process definition key this feature owns, for example {@code referral}. */
    String processDefinitionKey();

    /** Summaries of the cases the user may see; cases outside the user's scope are left out. */
    Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds);

    /**
     * Refuses a completion that the case's state (ConflictException) or the access policy (ForbiddenException: the
     * form writes a record section the user may not write) does not allow. Called inside the transaction with the
     * summary the scope check has just read; {@code section} is the form's record section, or null for a form that
     * only moves the workflow on.
     */
    default void beforeTaskCompletion(CareRelayUser user, CaseSummary summary, String taskKey, String section) {
    }

    /**
     * Refuses submitted values that the form definition alone cannot judge because they refer to the case (a number
     * that must name one of the case's items), with a ValidationException naming the field. Called inside the
     * transaction after the form's own validation, with the validated values, before anything is stored.
     */
    default void checkSubmission(CaseSummary summary, String taskKey, Map<String, Object> values) {
    }

    /**
     * The values the task's read-only form fields show, read from the case (for example a follow-up item of a
     * discharge summary): never taken from the client, and also what the form's visibility conditions see for them.
     * Called inside the transaction after the scope check; {@code executionId} is the task's execution, whose
     * variables say which item of the case the task is about.
     */
    default Map<String, Object> formData(CareRelayUser user, CaseSummary summary, String taskKey, String executionId) {
        return Map.of();
    }

    /**
     * The values to store as the task's submission. A feature that keeps clinical text sealed in the document store
     * (ADR 0018: the consultation's opinion) stores it there here and returns the values with a reference in its
     * place; called inside the transaction after {@link #checkSubmission}, so a later failure rolls both back.
     */
    default Map<String, Object> submissionToStore(CareRelayUser user, CaseSummary summary, String taskKey,
            Map<String, Object> values) {
        return values;
    }
}
