package hk.carerelay.consent;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import hk.carerelay.referral.ReferralEvents.ReferralStatusChanged;
import hk.carerelay.referral.ReferralEvents.ReferralSubmitted;

/**
 * Which consent decisions cover a referral, and what that makes of it, kept per referral in {@code consent_coverage}
 * (V25) for the managers' consent figures (ADR 0016, 0019): whether a decision was made, a grant given, a grant is in
 * force now, one was withdrawn or expired, and how long the referral waited for its first grant. The decisions covering
 * a referral are its own (scope REFERRAL) and the standing ones for its patient and receiving institution recorded
 * before it closed. The conditions below are the one definition; the dashboard's figures and drill-downs read the
 * rows they make.
 *
 * <p>A row is recomputed, in the transaction that changed what it depends on, whenever a referral is sent or closes,
 * a decision is recorded, or a grant ends (withdrawn or expired); the data generator refreshes its batches. Counting
 * a year of referrals then reads one index range instead of probing the consent rows of each referral (1.1 s of a
 * year's dashboard on H2 at 100,000 referrals).
 */
@Repository
class ConsentCoverage {

    private static final String OWN_CONSENT = "k.scope = 'REFERRAL' AND k.referral_id = r.id";
    private static final String STANDING_CONSENT = "k.scope = 'INSTITUTION' AND k.patient_id = r.patient_id"
            + " AND k.receiving_institution = r.receiving_institution"
            + " AND (r.closed_at IS NULL OR k.recorded_at <= r.closed_at)";
    /** A decision that granted consent, whatever became of it since. */
    private static final String GRANT = "k.status IN ('GRANTED', 'WITHDRAWN', 'EXPIRED')";
    /** Referral {@code r} has a decision covering it. */
    private static final String DECIDED = covered(null);
    /** ... a grant covering it. */
    private static final String GRANTED = covered(GRANT);
    /** ... a grant covering it that is in force now. */
    private static final String IN_FORCE = covered("k.status = 'GRANTED'");
    /** ... a covering grant that was withdrawn. */
    private static final String ANY_WITHDRAWN = covered("k.status = 'WITHDRAWN'");
    /** ... a covering grant that expired. */
    private static final String ANY_EXPIRED = covered("k.status = 'EXPIRED'");
    /** A grant valid when the referral was submitted: it did not wait for consent. */
    private static final String COVERED_AT_SUBMISSION = covered(GRANT + " AND k.recorded_at < r.created_at"
            + " AND k.valid_from <= r.created_at AND k.valid_until > r.created_at"
            + " AND (k.ended_at IS NULL OR k.ended_at > r.created_at)");
    /**
     * The first grant recorded at or after submission, of its own or standing. LEAST skips nulls on PostgreSQL but
     * is null on H2 when either is, hence the COALESCE.
     */
    private static final String OWN_FIRST_GRANT = "(SELECT MIN(k.recorded_at) FROM consent k WHERE " + OWN_CONSENT
            + " AND " + GRANT + " AND k.recorded_at >= r.created_at)";
    private static final String STANDING_FIRST_GRANT = "(SELECT MIN(k.recorded_at) FROM consent k WHERE "
            + STANDING_CONSENT + " AND " + GRANT + " AND k.recorded_at >= r.created_at)";
    private static final String FIRST_GRANT_AFTER = "COALESCE(LEAST(" + OWN_FIRST_GRANT + ", " + STANDING_FIRST_GRANT
            + "), " + OWN_FIRST_GRANT + ", " + STANDING_FIRST_GRANT + ")";
    /** ... it waited for consent: not covered when sent, granted since. */
    private static final String WAITED = "NOT " + COVERED_AT_SUBMISSION + " AND " + FIRST_GRANT_AFTER + " IS NOT NULL";

    /**
     * Whether a decision of either kind meeting the condition covers referral {@code r}: a first matching row of each,
     * found through the consent indexes. Written as scalar subqueries rather than {@code EXISTS}: PostgreSQL answers an
     * {@code EXISTS} under {@code OR} for more than a few referrals with a hash of every consent row in the database
     * (a sequential scan per flag, 25–180 ms a statement at 100,000 referrals), where a scalar subquery stays a probe
     * per referral on both databases.
     */
    private static String covered(String condition) {
        String and = condition == null ? "" : " AND " + condition;
        return "((SELECT 1 FROM consent k WHERE " + OWN_CONSENT + and + " LIMIT 1) IS NOT NULL"
                + " OR (SELECT 1 FROM consent k WHERE " + STANDING_CONSENT + and + " LIMIT 1) IS NOT NULL)";
    }

    private static String flag(String condition) {
        return "CASE WHEN " + condition + " THEN 1 ELSE 0 END";
    }

    /** The row of each referral {@code r} the condition selects, computed from the consent rows. */
    static String rows(String selection) {
        return "SELECT r.id AS referral_id, r.receiving_institution, r.created_at, r.specialty, r.urgency, "
                + flag(DECIDED) + " AS decided, " + flag(GRANTED) + " AS granted, " + flag(IN_FORCE) + " AS in_force, "
                + flag(ANY_WITHDRAWN) + " AS withdrawn, " + flag(ANY_EXPIRED) + " AS expired, CASE WHEN NOT "
                + COVERED_AT_SUBMISSION + " THEN EXTRACT(EPOCH FROM (" + FIRST_GRANT_AFTER + " - r.created_at)) END"
                + " AS waited_seconds FROM referral r WHERE " + selection;
    }

    private static final String MERGE_PREFIX = "MERGE INTO consent_coverage c USING (";
    private static final String MERGE_SUFFIX = ") s ON c.referral_id = s.referral_id WHEN MATCHED THEN UPDATE SET"
            + " decided = s.decided, granted = s.granted, in_force = s.in_force, withdrawn = s.withdrawn,"
            + " expired = s.expired, waited_seconds = s.waited_seconds WHEN NOT MATCHED THEN INSERT (referral_id,"
            + " receiving_institution, created_at, specialty, urgency, decided, granted, in_force, withdrawn, expired,"
            + " waited_seconds) VALUES (s.referral_id, s.receiving_institution, s.created_at, s.specialty, s.urgency,"
            + " s.decided, s.granted, s.in_force, s.withdrawn, s.expired, s.waited_seconds)";

    private final JdbcClient jdbc;

    ConsentCoverage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Recomputes the rows of these referrals. */
    void refreshReferrals(Collection<String> referralIds) {
        if (!referralIds.isEmpty()) {
            merge("r.id IN (:ids)", Map.of("ids", List.copyOf(referralIds)));
        }
    }

    /**
     * Recomputes the rows of these referrals and of every referral of these patients (a batch of generated referrals
     * and the patients given standing decisions in it), in two statements, each one index lookup. One statement with
     * both as a subquery ({@code r.id IN (SELECT ... UNION SELECT ...)}) made H2 test every referral of the database
     * against the subquery, batch after batch: generating 100,000 referrals then grew with the square of their number.
     */
    void refreshReferralsAndPatients(Collection<String> referralIds, Collection<String> patientIds) {
        refreshReferrals(referralIds);
        if (!patientIds.isEmpty()) {
            merge("r.patient_id IN (:patients)", Map.of("patients", List.copyOf(patientIds)));
        }
    }

    /** Recomputes the rows of a patient's referrals to an institution (a standing decision covers any of them). */
    void refreshPatient(String patientId, String receivingInstitution) {
        merge("r.patient_id = :patient AND r.receiving_institution = :institution",
                Map.of("patient", patientId, "institution", receivingInstitution));
    }

    /** What a decision changes: its own referral, or every referral of its patient to its institution. */
    void refresh(Consent consent) {
        if (consent.scope() == ConsentScope.REFERRAL) {
            refreshReferrals(List.of(consent.referralId()));
        } else {
            refreshPatient(consent.patientId(), consent.receivingInstitution());
        }
    }

    /**
     * Locks the referrals first (in id order), so that two transactions changing what one referral's row depends on
     * recompute it one after the other, the second from what the first committed; then recomputes their rows.
     */
    private void merge(String selection, Map<String, ?> params) {
        jdbc.sql("SELECT r.id FROM referral r WHERE " + selection + " ORDER BY r.id FOR UPDATE").params(params)
                .query(String.class).list();
        jdbc.sql(MERGE_PREFIX + rows(selection) + MERGE_SUFFIX).params(params).update();
    }

    @EventListener
    void on(ReferralSubmitted submitted) {
        refreshReferrals(List.of(submitted.referralId()));
    }

    /** Closing a referral ends the standing decisions that can still cover it. */
    @EventListener
    void on(ReferralStatusChanged changed) {
        if (changed.to().isTerminal()) {
            refreshReferrals(List.of(changed.referralId()));
        }
    }
}
