package hk.carerelay.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import hk.carerelay.Interleaving;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.it.ApiTestSupport;
import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;

/**
 * A clinic records a patient's standing consent while a referral for the same patient is being sent: whichever
 * commits second must see the other. Without that, the consent's sharing step would not find the referral (not yet
 * committed) and the referral would have read no consent: it would wait for a consent already given, and its consent
 * figures would say so. The same for a withdrawal or an expiry at that moment, which must stop the referral's sharing.
 * The interleaving is forced ({@link Interleaving}); the suite runs on H2 and on PostgreSQL (.ci/run).
 */
class ConsentWhileSendingIT extends ApiTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    ConsentService consents;
    @Autowired
    PatientRegistry patients;
    @Autowired
    UserDirectory users;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    RuntimeService runtime;

    @Test
    void aStandingConsentRecordedWhileAReferralIsBeingSentReachesIt() throws Exception {
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        String hkid = ConsentFixtures.newHkid();
        patients.findOrRegister(Hkid.parse(hkid).orElseThrow(), "Race Patient", LocalDate.of(1971, 3, 4));

        Referral referral = sendWhile(gp, hkid, () -> consents.record(gp, standing(hkid)));

        assertThat(waitingAt(referral, "Task_ObtainConsent")).as("waiting for a consent already given").isZero();
        assertThat(waitingAt(referral, "Task_TriageReferral")).as("shared, so on to triage").isOne();
        assertThat(jdbc.sql("SELECT granted + in_force FROM consent_coverage WHERE referral_id = ?")
                .param(referral.id()).query(Integer.class).single()).as("the consent figures see the grant")
                .isEqualTo(2);
    }

    /** The other way round: a withdrawal while a referral the consent covers is being sent stops its sharing. */
    @Test
    void aStandingConsentWithdrawnWhileAReferralIsBeingSentStopsItsSharing() throws Exception {
        Referral referral = sendWhileTheConsentEnds(
                (gp, given) -> consents.withdraw(gp, given.id(), "Patient changed her mind."));

        assertThat(jdbc.sql("SELECT in_force + withdrawn FROM consent_coverage WHERE referral_id = ?")
                .param(referral.id()).query(Integer.class).single()).as("the consent figures see the withdrawal")
                .isEqualTo(1);
    }

    /** A standing consent whose validity ends (its timer fires) while a referral it covers is being sent. */
    @Test
    void aStandingConsentExpiringWhileAReferralIsBeingSentStopsItsSharing() throws Exception {
        Referral referral = sendWhileTheConsentEnds((gp, given) -> {
            consents.expire(given.id());
            return consents.get(gp, given.id());
        });

        assertThat(jdbc.sql("SELECT c.status FROM consent c JOIN referral r ON r.patient_id = c.patient_id "
                + "WHERE r.id = ?").param(referral.id()).query(String.class).single()).isEqualTo("EXPIRED");
    }

    /** What ends a consent: a withdrawal, an expiry. */
    private interface Ending {
        Consent end(CareRelayUser gp, Consent given);
    }

    /**
     * Records a standing consent for a new patient, then sends a referral for the patient while the consent ends; the
     * referral must stop at the sharing step with a task for the sender. Returns the referral.
     */
    private Referral sendWhileTheConsentEnds(Ending ending) throws Exception {
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        String hkid = ConsentFixtures.newHkid();
        patients.findOrRegister(Hkid.parse(hkid).orElseThrow(), "Race Patient", LocalDate.of(1972, 5, 6));
        Consent given = consents.record(gp, standing(hkid));

        Referral referral = sendWhile(gp, hkid, () -> ending.end(gp, given));

        assertThat(waitingAt(referral, "Task_ReobtainConsent"))
                .as("sharing paused, with a task for the sender to obtain consent again").isOne();
        return referral;
    }

    /**
     * Sends a referral for the patient and, while its transaction is still open, runs the consent action; the referral
     * commits once that action has ended or waits at the patient's row. Returns the referral when both are done.
     */
    private Referral sendWhile(CareRelayUser gp, String hkid, Callable<Consent> action) throws Exception {
        return Interleaving.secondWhileFirstOpen(transactions, dataSource, () -> referrals.submit(gp, new ReferralRequest(
                new ReferralRequest.Patient(hkid, "Race Patient", "1971-03-04"), "HSC", "CARDIOLOGY", "ROUTINE",
                "Palpitations", "Two episodes of palpitations this month; ECG normal.")), action,
                "SELECT id FROM patient WHERE id = ? FOR UPDATE").first();
    }

    private static ConsentRequest standing(String hkid) {
        return new ConsentRequest("INSTITUTION", null, hkid, "HSC", "GRANTED", null, true, null, null,
                ConsentFixtures.signature());
    }

    private long waitingAt(Referral referral, String activity) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(referral.id()).activityId(activity).count();
    }
}
