package hk.carerelay.consent;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A patient's recorded decision about sharing (FHIR Consent): scope, receiving institution, validity, status, who
 * witnessed it and, for a patient under 16 or without capacity, who decided for them. The drawn signature and the
 * signed PDF are blobs in the document store; the PDF's hash and signature are kept to verify it.
 */
public record Consent(String id, ConsentScope scope, String patientId, String receivingInstitution, String referralId,
        ConsentStatus status, Instant validFrom, Instant validUntil, boolean patientHasCapacity, String substituteName,
        SubstituteRelationship substituteRelationship, String witness, String recordingInstitution, Instant recordedAt,
        @JsonIgnore String signatureBlobId, @JsonIgnore String pdfBlobId, String pdfSha256, String pdfSignatureKey,
        String pdfSignature, @JsonIgnore String processInstanceId, Instant endedAt, String endedBy, String endReason) {

    /** Granted and inside its validity period at {@code now}. */
    public boolean sharesAt(Instant now) {
        return status == ConsentStatus.GRANTED && !now.isBefore(validFrom) && now.isBefore(validUntil);
    }
}
