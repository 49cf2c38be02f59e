package hk.carerelay.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.referral.ReferralGenerator;

/**
 * The data generator's consent coverage, over several batches: each generated referral's {@code consent_coverage}
 * row is what the coverage's own definition computes from the consent rows afterwards, including referrals of an
 * earlier batch whose patient was given a standing decision in a later one.
 */
@ApplicationTest
class GeneratedConsentsTest {

    @Autowired
    ReferralGenerator generator;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyGeneratedReferralsCoverageIsWhatItsConsentsMake() {
        // three batches (the generator writes 1,000 at a time), and fewer patients than referrals, so that patients
        // span batches
        ReferralGenerator.Result result = generator.generate(2100, Duration.ofDays(365), 20261128L);
        List<String> ids = result.referralIds();

        long rows = jdbc.sql("SELECT COUNT(*) FROM consent_coverage WHERE referral_id IN (:ids)").param("ids", ids)
                .query(Long.class).single();
        assertThat(rows).isEqualTo(ids.size());
        long differing = jdbc.sql("SELECT COUNT(*) FROM (" + ConsentCoverage.rows("r.id IN (:ids)") + ") s"
                        + " JOIN consent_coverage c ON c.referral_id = s.referral_id"
                        + " WHERE c.decided <> s.decided OR c.granted <> s.granted OR c.in_force <> s.in_force"
                        + " OR c.withdrawn <> s.withdrawn OR c.expired <> s.expired"
                        + " OR COALESCE(c.waited_seconds, -1)"
                        + " <> COALESCE(CAST(s.waited_seconds AS NUMERIC(16, 3)), -1)")
                .param("ids", ids).query(Long.class).single();
        assertThat(differing).isZero();

        // the case the per-batch refresh exists for: a referral covered only by a standing decision of its patient
        // recorded after the referral's own batch was written (here: recorded after the referral was sent)
        long coveredByLaterStanding = jdbc.sql("""
                SELECT COUNT(*) FROM referral r JOIN consent_coverage c ON c.referral_id = r.id
                WHERE r.id IN (:ids) AND c.decided = 1
                  AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.scope = 'REFERRAL' AND k.referral_id = r.id)
                  AND EXISTS (SELECT 1 FROM consent k WHERE k.scope = 'INSTITUTION' AND k.patient_id = r.patient_id
                              AND k.receiving_institution = r.receiving_institution
                              AND k.recorded_at > r.created_at)""")
                .param("ids", ids).query(Long.class).single();
        assertThat(coveredByLaterStanding).isPositive();
    }
}
