package hk.carerelay.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The consent table (JDBC, ADR 0006). Status changes are conditional, so a consent ends once. Every write recomputes
 * the coverage of the referrals the decision covers, in the same transaction ({@link ConsentCoverage}).
 */
@Repository
class ConsentRepository {

    private static final String COLUMNS = """
            id, scope, patient_id, receiving_institution, referral_id, status, valid_from, valid_until,
            patient_has_capacity, substitute_name, substitute_relationship, witness, recording_institution,
            recorded_at, signature_blob_id, pdf_blob_id, pdf_sha256, pdf_signature_key, pdf_signature,
            process_instance_id, ended_at, ended_by, end_reason""";

    private final JdbcClient jdbc;
    private final ConsentCoverage coverage;

    ConsentRepository(JdbcClient jdbc, ConsentCoverage coverage) {
        this.jdbc = jdbc;
        this.coverage = coverage;
    }

    void insert(Consent c) {
        jdbc.sql("INSERT INTO consent (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?)")
                .params(c.id(), c.scope().name(), c.patientId(), c.receivingInstitution(), c.referralId(),
                        c.status().name(), utc(c.validFrom()), utc(c.validUntil()), c.patientHasCapacity(),
                        c.substituteName(), c.substituteRelationship() == null ? null : c.substituteRelationship().name(),
                        c.witness(), c.recordingInstitution(), utc(c.recordedAt()), c.signatureBlobId(), c.pdfBlobId(),
                        c.pdfSha256(), c.pdfSignatureKey(), c.pdfSignature(), c.processInstanceId(), utc(c.endedAt()),
                        c.endedBy(), c.endReason())
                .update();
        coverage.refresh(c);
    }

    void setProcessInstance(String id, String processInstanceId) {
        jdbc.sql("UPDATE consent SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    /** Ends a granted consent; false if it was no longer granted (already withdrawn or expired). */
    boolean end(String id, ConsentStatus status, Instant at, String by, String reason) {
        boolean ended = jdbc.sql("UPDATE consent SET status = ?, ended_at = ?, ended_by = ?, end_reason = ? "
                + "WHERE id = ? AND status = 'GRANTED'")
                .params(status.name(), utc(at), by, reason, id).update() == 1;
        if (ended) {
            find(id).ifPresent(coverage::refresh);
        }
        return ended;
    }

    Optional<Consent> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent WHERE id = ?").param(id).query(ConsentRepository::map)
                .optional();
    }

    List<Consent> forReferral(String referralId, String patientId, String receivingInstitution) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent WHERE referral_id = ? OR (scope = 'INSTITUTION' "
                + "AND patient_id = ? AND receiving_institution = ?) ORDER BY recorded_at DESC, id")
                .params(referralId, patientId, receivingInstitution).query(ConsentRepository::map).list();
    }

    List<Consent> forPatient(String patientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent WHERE patient_id = ? ORDER BY recorded_at DESC, id")
                .param(patientId).query(ConsentRepository::map).list();
    }

    /**
     * Of the referrals, those with a consent of their own granted at {@code now}.
     */
    Set<String> granted(Collection<String> referralIds, Instant now) {
        Set<String> found = new HashSet<>();
        if (referralIds.isEmpty()) {
            return found;
        }
        found.addAll(jdbc.sql("SELECT DISTINCT referral_id FROM consent WHERE referral_id IN (:ids) "
                + "AND status = 'GRANTED' AND valid_from <= :now AND valid_until > :now")
                .param("ids", referralIds).param("now", utc(now)).query(String.class).list());
        return found;
    }

    /**
     * Whether a consent of the referral's own or a standing consent for its patient and receiving institution (taken
     * from the referral's row) is granted at now, in one statement: {@link #granted} and {@link #standingGranted} for
     * one referral. Empty if there is no such referral.
     */
    Optional<Boolean> sharingGranted(String referralId, Instant now) {
        // two EXISTS rather than one OR, so that each side is read through its own index on both databases
        return jdbc.sql("SELECT CASE WHEN EXISTS (SELECT 1 FROM consent c WHERE c.referral_id = r.id "
                + "AND c.status = 'GRANTED' AND c.valid_from <= :now AND c.valid_until > :now) "
                + "OR EXISTS (SELECT 1 FROM consent c WHERE c.scope = 'INSTITUTION' AND c.patient_id = r.patient_id "
                + "AND c.receiving_institution = r.receiving_institution AND c.status = 'GRANTED' "
                + "AND c.valid_from <= :now AND c.valid_until > :now) THEN 1 ELSE 0 END FROM referral r "
                + "WHERE r.id = :referral")
                .param("referral", referralId).param("now", utc(now)).query(Integer.class).optional()
                .map(granted -> granted == 1);
    }

    /** Patient and receiving institution pairs ("patient|institution") with a standing consent granted at now. */
    Set<String> standingGranted(Collection<String> patientIds, Instant now) {
        if (patientIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT DISTINCT patient_id, receiving_institution FROM consent "
                + "WHERE scope = 'INSTITUTION' AND patient_id IN (:ids) AND status = 'GRANTED' "
                + "AND valid_from <= :now AND valid_until > :now")
                .param("ids", patientIds).param("now", utc(now))
                .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).list());
    }

    private static Consent map(ResultSet rs, int n) throws SQLException {
        String relationship = rs.getString("substitute_relationship");
        return new Consent(rs.getString("id"), ConsentScope.valueOf(rs.getString("scope")), rs.getString("patient_id"),
                rs.getString("receiving_institution"), rs.getString("referral_id"),
                ConsentStatus.valueOf(rs.getString("status")), instant(rs, "valid_from"), instant(rs, "valid_until"),
                rs.getBoolean("patient_has_capacity"), rs.getString("substitute_name"),
                relationship == null ? null : SubstituteRelationship.valueOf(relationship), rs.getString("witness"),
                rs.getString("recording_institution"), instant(rs, "recorded_at"), rs.getString("signature_blob_id"),
                rs.getString("pdf_blob_id"), rs.getString("pdf_sha256"), rs.getString("pdf_signature_key"),
                rs.getString("pdf_signature"), rs.getString("process_instance_id"), instant(rs, "ended_at"),
                rs.getString("ended_by"), rs.getString("end_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
