package hk.carerelay.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.ApplicationTest;

@ApplicationTest
class PatientRegistryTest {

    @Autowired
    PatientRegistry patients;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    /**
     * Two referrals for a new patient sent at the same moment both find no patient and both register one: the second
     * waits for the first and then takes its patient, instead of failing on the HKID's uniqueness. The interleaving is
     * forced: the first registration's transaction stays open until the second has ended or waits for it.
     */
    @Test
    void aPatientRegisteredTwiceAtOnceIsOnePatient() throws Exception {
        Hkid hkid = Hkid.of("D", String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)));
        CountDownLatch registeredNotCommitted = new CountDownLatch(1);
        AtomicReference<Future<String>> second = new AtomicReference<>();
        ExecutorService one = Executors.newSingleThreadExecutor();
        ExecutorService two = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = one.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                String id = patients.findOrRegister(hkid, "Twin Patient", LocalDate.of(1960, 1, 1));
                registeredNotCommitted.countDown();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < until && !finishedOrWaiting(second.get())) {
                    pause();
                }
                return id;
            }));
            assertThat(registeredNotCommitted.await(60, TimeUnit.SECONDS)).isTrue();
            second.set(two.submit(() -> new TransactionTemplate(transactions).execute(
                    status -> patients.findOrRegister(hkid, "Twin Patient", LocalDate.of(1960, 1, 1)))));

            String firstId = first.get(60, TimeUnit.SECONDS);
            assertThat(second.get().get(60, TimeUnit.SECONDS)).isEqualTo(firstId);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM patient WHERE hkid = ?").param(hkid.value()).query(Long.class)
                    .single()).isOne();
        } finally {
            one.shutdownNow();
            two.shutdownNow();
        }
    }

    private boolean finishedOrWaiting(Future<String> second) {
        // H2 lists no blocker for a wait on another transaction's new key; the insert still executing is that wait
        return second != null && (second.isDone() || jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                + "WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO patient%'").query(Long.class).single() > 0);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
