package hk.carerelay.workflow;

/**
 * The few facts about a case that a task list shows and filters by; no clinical content. {@code referralId} is the
 * referral the case belongs to (the case itself for a referral process). {@code awaitingConsent}: the referral is open
 * and no consent of the patient covers it now (not yet given, or withdrawn or expired since), so the receiving side's
 * work on it waits for the sender to record consent; said of referral cases only.
 */
public record CaseSummary(String caseId, String referralId, String patientName, String status, String urgency, String specialty,
        String sendingInstitution, String receivingInstitution, boolean awaitingConsent) {

    /** A case whose consent is not in question. */
    public CaseSummary(String caseId, String referralId, String patientName, String status, String urgency,
            String specialty, String sendingInstitution, String receivingInstitution) {
        this(caseId, referralId, patientName, status, urgency, specialty, sendingInstitution, receivingInstitution,
                false);
    }
}
