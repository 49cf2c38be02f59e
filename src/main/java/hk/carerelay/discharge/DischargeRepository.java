package hk.carerelay.discharge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The handover rows, their follow-up items and pending results (JDBC, ADR 0006). */
@Repository
class DischargeRepository {

    private static final String COLUMNS = """
            id, patient_id, patient_name, hospital, author, clinic, family_doctor, referral_id, summary_document_id,
            discharged_on, status, process_instance_id, created_at, acknowledged_at""";

    private final JdbcClient jdbc;

    DischargeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DischargeHandover h) {
        jdbc.sql("INSERT INTO discharge_handover (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(h.id(), h.patientId(), h.patientName(), h.hospital(), h.author(), h.clinic(), h.familyDoctor(),
                        h.referralId(), h.summaryDocumentId(), h.dischargedOn(), h.status().name(),
                        h.processInstanceId(), utc(h.createdAt()), utc(h.acknowledgedAt()))
                .update();
    }

    void insertFollowUp(FollowUp f) {
        jdbc.sql("""
                INSERT INTO discharge_follow_up (id, handover_id, item_no, due_on, remind_on, status)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(f.id(), f.handoverId(), f.itemNo(), f.dueOn(), f.remindOn(), f.status()).update();
    }

    void insertPendingResult(PendingResult p) {
        jdbc.sql("INSERT INTO discharge_pending_result (id, handover_id, item_no, status) VALUES (?, ?, ?, ?)")
                .params(p.id(), p.handoverId(), p.itemNo(), p.status()).update();
    }

    void setProcessInstance(String id, String processInstanceId) {
        jdbc.sql("UPDATE discharge_handover SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id)
                .update();
    }

    void acknowledge(String id, Instant at) {
        jdbc.sql("UPDATE discharge_handover SET status = ?, acknowledged_at = ? WHERE id = ? AND status = ?")
                .params(DischargeStatus.ACKNOWLEDGED.name(), utc(at), id, DischargeStatus.SENT.name()).update();
    }

    void close(String id) {
        jdbc.sql("UPDATE discharge_handover SET status = ? WHERE id = ?").params(DischargeStatus.CLOSED.name(), id)
                .update();
    }

    void completeFollowUp(String id, String outcome, Instant at) {
        jdbc.sql("UPDATE discharge_follow_up SET status = ?, completed_at = ? WHERE id = ?")
                .params(outcome, utc(at), id).update();
    }

    /** Records the result once: false if another request recorded it first. */
    boolean recordResult(String id, String documentId, String username, Instant at) {
        return jdbc.sql("""
                UPDATE discharge_pending_result SET status = 'RECEIVED', result_document_id = ?, recorded_by = ?,
                       recorded_at = ? WHERE id = ? AND result_document_id IS NULL""")
                .params(documentId, username, utc(at), id).update() == 1;
    }

    Optional<DischargeHandover> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM discharge_handover WHERE id = ?").param(id)
                .query(this::mapHandover).optional();
    }

    List<DischargeHandover> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM discharge_handover WHERE id IN (:ids)").param("ids", ids)
                .query(this::mapHandover).list();
    }

    /** Handovers the user wrote or whose hospital is theirs (hospital side), or addressed to them (family doctor). */
    List<DischargeHandover> forParticipant(String username, String hospital, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM discharge_handover WHERE family_doctor = :user OR author = :user"
                + (hospital == null ? "" : " OR hospital = :hospital")
                + " ORDER BY created_at DESC, id DESC FETCH FIRST :limit ROWS ONLY")
                .param("user", username).param("hospital", hospital == null ? "" : hospital).param("limit", limit)
                .query(this::mapHandover).list();
    }

    List<FollowUp> followUps(String handoverId) {
        return jdbc.sql("""
                SELECT id, handover_id, item_no, due_on, remind_on, status, completed_at FROM discharge_follow_up
                WHERE handover_id = ? ORDER BY item_no""").param(handoverId).query(this::mapFollowUp).list();
    }

    Optional<FollowUp> followUp(String id) {
        return jdbc.sql("""
                SELECT id, handover_id, item_no, due_on, remind_on, status, completed_at FROM discharge_follow_up
                WHERE id = ?""").param(id).query(this::mapFollowUp).optional();
    }

    List<PendingResult> pendingResults(String handoverId) {
        return jdbc.sql("""
                SELECT id, handover_id, item_no, status, result_document_id, recorded_by, recorded_at
                FROM discharge_pending_result WHERE handover_id = ? ORDER BY item_no""")
                .param(handoverId).query(this::mapPendingResult).list();
    }

    Optional<PendingResult> pendingResult(String id) {
        return jdbc.sql("""
                SELECT id, handover_id, item_no, status, result_document_id, recorded_by, recorded_at
                FROM discharge_pending_result WHERE id = ?""").param(id).query(this::mapPendingResult).optional();
    }

    private DischargeHandover mapHandover(ResultSet rs, int row) throws SQLException {
        return new DischargeHandover(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, LocalDate.class), DischargeStatus.valueOf(rs.getString(11)), rs.getString(12),
                instant(rs, 13), instant(rs, 14));
    }

    private FollowUp mapFollowUp(ResultSet rs, int row) throws SQLException {
        return new FollowUp(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                rs.getObject(5, LocalDate.class), rs.getString(6), instant(rs, 7));
    }

    private PendingResult mapPendingResult(ResultSet rs, int row) throws SQLException {
        return new PendingResult(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
