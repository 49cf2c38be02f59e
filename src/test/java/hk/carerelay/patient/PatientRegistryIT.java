package hk.carerelay.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.Interleaving;
import hk.carerelay.it.ApiTestSupport;

/** The patient registry when two requests register one patient at once, on H2 and on PostgreSQL (.ci/run). */
class PatientRegistryIT extends ApiTestSupport {

    @Autowired
    PatientRegistry patients;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    /**
     * Two referrals for a new patient sent at the same moment both find no patient and both register one: the second
     * waits for the first and then takes its patient, instead of failing on the HKID's uniqueness. The interleaving is
     * forced ({@link Interleaving}).
     */
    @Test
    void aPatientRegisteredTwiceAtOnceIsOnePatient() throws Exception {
        Hkid hkid = Hkid.of("D", String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)));

        Interleaving.Both<String, String> ids = Interleaving.secondWhileFirstOpen(transactions, dataSource,
                () -> patients.findOrRegister(hkid, "Twin Patient", LocalDate.of(1960, 1, 1)),
                () -> new TransactionTemplate(transactions).execute(
                        status -> patients.findOrRegister(hkid, "Twin Patient", LocalDate.of(1960, 1, 1))),
                "INSERT INTO patient");

        assertThat(ids.second()).isEqualTo(ids.first());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM patient WHERE hkid = ?").param(hkid.value()).query(Long.class)
                .single()).isOne();
    }
}
