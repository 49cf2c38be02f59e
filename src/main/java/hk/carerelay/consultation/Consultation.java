package hk.carerelay.consultation;

import java.time.Instant;
import java.util.Set;

import hk.carerelay.access.RecordSection;

/**
 * A cross-department consultation as stored, without its clinical text (question and opinion are sealed blobs).
 * {@code sharedSections} are the referral's sections the requester let the consulted department read.
 */
public record Consultation(String id, String institution, String requester, String requestingDepartment,
        String consultedDepartment, String patientId, String patientName, String patientHkid, String referralId,
        Set<RecordSection> sharedSections, String urgency, String questionBlob, String opinionBlob,
        ConsultationStatus status, String answeredBy, String processInstanceId, Instant createdAt, Instant answeredAt,
        Instant closedAt) {
}
