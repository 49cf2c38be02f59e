package hk.carerelay.referral;

import java.time.Instant;
import java.time.LocalDate;

/** A referral as stored: the letter (patient, reason, clinical summary) and where it stands. */
public record Referral(String id, String patientId, String patientHkid, String patientName, LocalDate patientDateOfBirth,
        String sendingInstitution, String sendingUser, String receivingInstitution, String specialty, Urgency urgency,
        String reason, String clinicalSummary, ReferralStatus status, ReferralStatus statusBeforeCancellation,
        String cancellationReason, String processInstanceId, Instant triageDue, Instant appointmentAt,
        Instant createdAt, Instant updatedAt) {
}
