package hk.carerelay.discharge;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A discharge handover (FHIR Composition of type discharge summary) as stored: who takes part and where it stands.
 * The clinical content is in the document store under {@code summaryDocumentId}.
 */
public record DischargeHandover(String id, String patientId, String patientName, String hospital, String author,
        String clinic, String familyDoctor, String referralId, String summaryDocumentId, LocalDate dischargedOn,
        DischargeStatus status, String processInstanceId, Instant createdAt, Instant acknowledgedAt) {
}
