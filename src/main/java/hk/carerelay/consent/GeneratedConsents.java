package hk.carerelay.consent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.document.BlobKind;
import hk.carerelay.document.DocumentStore;
import hk.carerelay.referral.ReferralGenerator;

/**
 * Records the consent decisions the data generator made with its synthetic referrals (ADR 0015, 0019), in batches:
 * rows only, with no process (a generated grant neither expires by timer nor can be withdrawn through its process) and
 * no signed PDF; the decisions of one batch share one stored placeholder signature (a blank image).
 */
@Component
class GeneratedConsents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DocumentStore store;
    private final ConsentCoverage coverage;

    GeneratedConsents(JdbcTemplate jdbc, TransactionTemplate transactions, DocumentStore store,
            ConsentCoverage coverage) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
        this.coverage = coverage;
    }

    /**
     * Writes a batch's decisions, then the coverage of the batch's referrals and of every referral of the patients
     * given a standing decision (earlier batches may hold some of theirs).
     */
    @EventListener
    void on(ReferralGenerator.ConsentsGenerated generated) {
        transactions.executeWithoutResult(status -> {
            if (generated.consents().isEmpty()) {
                coverage.refreshReferrals(generated.referralIds());
                return;
            }
            String signature = store.store(BlobKind.CONSENT_SIGNATURE, "image/png", placeholderSignature()).id()
                    .toString();
            List<Object[]> rows = new ArrayList<>(generated.consents().size());
            for (ReferralGenerator.GeneratedConsent c : generated.consents()) {
                rows.add(new Object[] {UUID.randomUUID().toString(),
                        (c.referralId() == null ? ConsentScope.INSTITUTION : ConsentScope.REFERRAL).name(),
                        c.patientId(), c.receivingInstitution(), c.referralId(), c.status(), utc(c.recordedAt()),
                        utc(c.validUntil()), true, c.witness(), c.recordingInstitution(), utc(c.recordedAt()),
                        signature, utc(c.endedAt()), c.endedAt() == null ? null : c.witness()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO consent (id, scope, patient_id, receiving_institution, referral_id, status, valid_from,
                                         valid_until, patient_has_capacity, witness, recording_institution,
                                         recorded_at, signature_blob_id, ended_at, ended_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
            coverage.refreshReferralsAndPatients(generated.referralIds(), generated.consents().stream()
                    .filter(c -> c.referralId() == null).map(ReferralGenerator.GeneratedConsent::patientId).distinct()
                    .toList());
        });
    }

    /** A blank 1×1 PNG: generated patients signed nothing. */
    private static byte[] placeholderSignature() {
        return Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
