package hk.carerelay.referral;

import java.time.Instant;
import java.time.LocalDate;

import java.util.Set;

import hk.carerelay.access.RecordSection;

/**
 * A referral as stored: the letter (patient, reason, clinical summary) and where it stands. Fields of a section the
 * reader may not see are null in the copy {@link #disclosedTo} makes.
 */
public record Referral(String id, String patientId, String patientHkid, String patientName, LocalDate patientDateOfBirth,
        String sendingInstitution, String sendingUser, String receivingInstitution, String specialty, Urgency urgency,
        String reason, String clinicalSummary, ReferralStatus status, ReferralStatus statusBeforeCancellation,
        String cancellationReason, String processInstanceId, Instant triageDue, Instant appointmentAt,
        Instant createdAt, Instant updatedAt) {

    /** The sections this record has content in (the policy names those it withholds). */
    public Set<RecordSection> sectionsPresent() {
        Set<RecordSection> present = java.util.EnumSet.of(RecordSection.DEMOGRAPHICS, RecordSection.REFERRAL_SUMMARY);
        if (appointmentAt != null) {
            present.add(RecordSection.APPOINTMENTS);
        }
        return present;
    }

    /** A copy with the fields of sections outside {@code readable} left out. */
    public Referral disclosedTo(Set<RecordSection> readable) {
        boolean demographics = readable.contains(RecordSection.DEMOGRAPHICS);
        boolean summary = readable.contains(RecordSection.REFERRAL_SUMMARY);
        boolean appointments = readable.contains(RecordSection.APPOINTMENTS);
        return new Referral(id, demographics ? patientId : null, demographics ? patientHkid : null,
                demographics ? patientName : null, demographics ? patientDateOfBirth : null, sendingInstitution,
                sendingUser, receivingInstitution, specialty, urgency, summary ? reason : null,
                summary ? clinicalSummary : null, status, statusBeforeCancellation, summary ? cancellationReason : null,
                processInstanceId, triageDue, appointments ? appointmentAt : null, createdAt, updatedAt);
    }
}
