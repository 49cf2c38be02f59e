package hk.carerelay.workflow;

/**
 * The few facts about a case that a task list shows and filters by; no clinical content. {@code referralId} is the
 * referral the case belongs to (the case itself for a referral process).
 */
public record CaseSummary(String caseId, String referralId, String patientName, String status, String urgency, String specialty,
        String sendingInstitution, String receivingInstitution) {
}
