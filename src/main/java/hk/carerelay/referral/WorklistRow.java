package hk.carerelay.referral;

import java.time.Instant;

/**
 * One referral on a worklist: workflow state and the patient's name (null where the policy withholds demographics),
 * no clinical content; {@code taskId} is the coordinators' open task for this list, if any, with its assignee.
 */
public record WorklistRow(String referralId, String patientName, String specialty, Urgency urgency,
        ReferralStatus status, String sendingInstitution, Instant receivedAt, Instant triageDue, Instant appointmentAt,
        Instant due, String taskId, String assignee) {
}
