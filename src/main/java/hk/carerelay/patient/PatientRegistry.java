package hk.carerelay.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.shared.ConflictException;

/** Finds a patient by HKID or registers one; the HKID is the identity, name and date of birth are as first given. */
@Service
public class PatientRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;
    /** The registration's insert in a savepoint of the caller's transaction, so that losing a race undoes only it. */
    private final TransactionTemplate savepoint;

    PatientRegistry(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The id of the patient with this HKID, registering the patient first if needed. */
    @Transactional
    public String findOrRegister(Hkid hkid, String name, LocalDate dateOfBirth) {
        Optional<String> existing = idOf(hkid);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = UUID.randomUUID().toString();
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql(
                    "INSERT INTO patient (id, hkid, name, date_of_birth, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(id, hkid.value(), name, dateOfBirth, clock.instant().atOffset(ZoneOffset.UTC))
                    .update());
            return id;
        } catch (DuplicateKeyException e) {
            // another request registered the same HKID at the same moment (two referrals for a new patient sent at
            // once): once it has committed, its patient is this one
            return idOf(hkid).orElseThrow(() -> new ConflictException("Another request is registering this patient at "
                    + "this moment; nothing was saved. Try again.", e));
        }
    }

    /**
     * Holds the patient's row until the transaction ends. Taken by what decides whether the patient's record is shared
     * (sending a referral; recording, withdrawing or expiring a consent), so that two of them on one patient run one
     * after the other and the second sees what the first committed: a consent change while a referral is being sent
     * still reaches it.
     */
    public void lock(String patientId) {
        jdbc.sql("SELECT id FROM patient WHERE id = ? FOR UPDATE").param(patientId).query(String.class).optional();
    }

    /** A registered patient as first registered. */
    public record Patient(String id, String hkid, String name, LocalDate dateOfBirth) {
    }

    public Optional<Patient> find(Hkid hkid) {
        return jdbc.sql("SELECT id, hkid, name, date_of_birth FROM patient WHERE hkid = ?").param(hkid.value())
                .query((rs, n) -> new Patient(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class)))
                .optional();
    }

    public Optional<String> idOf(Hkid hkid) {
        return jdbc.sql("SELECT id FROM patient WHERE hkid = ?").param(hkid.value()).query(String.class).optional();
    }
}
