package hk.carerelay.referral;

import java.time.Instant;

/**
 * One referral on a worklist: workflow state and the patient's name (null where the policy withholds demographics),
 * no clinical content; {@code taskId} is the coordinators' open task for this list, if any, with its assignee.
 * {@code patientId} is the registry's internal id, for the consent question, not shown; {@code awaitingConsent}: no
 * consent of the patient covers the referral now, so the receiving side's work on it waits (as in the referral list).
 */
public record WorklistRow(String referralId, String patientName, String specialty, Urgency urgency,
        ReferralStatus status, String sendingInstitution, Instant receivedAt, Instant triageDue, Instant appointmentAt,
        Instant due, String taskId, String assignee, String patientId, boolean awaitingConsent) {

    WorklistRow withPatientName(String name) {
        return new WorklistRow(referralId, name, specialty, urgency, status, sendingInstitution, receivedAt, triageDue,
                appointmentAt, due, taskId, assignee, patientId, awaitingConsent);
    }

    WorklistRow withAwaitingConsent(boolean awaiting) {
        return new WorklistRow(referralId, patientName, specialty, urgency, status, sendingInstitution, receivedAt,
                triageDue, appointmentAt, due, taskId, assignee, patientId, awaiting);
    }
}
