package hk.carerelay.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the referral table. Every read that serves a user takes a {@link ReferralScope}. */
@Repository
class ReferralRepository {

    private static final String SELECT = """
            SELECT r.id, r.patient_id, p.hkid, r.patient_name, r.patient_dob, r.sending_institution, r.sending_user,
                   r.receiving_institution, r.specialty, r.urgency, r.reason, r.clinical_summary, r.status,
                   r.status_before_cancellation, r.cancellation_reason, r.process_instance_id, r.triage_due,
                   r.appointment_at, r.created_at, r.updated_at
            FROM referral r JOIN patient p ON p.id = r.patient_id
            """;

    private final JdbcClient jdbc;

    ReferralRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Referral r) {
        jdbc.sql("""
                INSERT INTO referral (id, patient_id, patient_name, patient_dob, sending_institution, sending_user,
                                      receiving_institution, specialty, urgency, reason, clinical_summary, status,
                                      created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.patientId(), r.patientName(), r.patientDateOfBirth(), r.sendingInstitution(),
                        r.sendingUser(), r.receivingInstitution(), r.specialty(), r.urgency().name(), r.reason(),
                        r.clinicalSummary(), r.status().name(), utc(r.createdAt()), utc(r.updatedAt()))
                .update();
    }

    /** The referral regardless of scope: for the engine's delegates, which act for the process, not for a user. */
    Optional<Referral> find(String id) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(ReferralRepository::map).optional();
    }

    /** Ids of the patient's referrals to the institution that have not ended (for consent changes). */
    List<String> openIds(String patientId, String receivingInstitution) {
        return jdbc.sql("SELECT id FROM referral WHERE patient_id = ? AND receiving_institution = ? "
                + "AND status NOT IN ('COMPLETED', 'DECLINED', 'CANCELLED') ORDER BY created_at")
                .params(patientId, receivingInstitution).query(String.class).list();
    }

    /** What a status change needs to tell the participants: where the referral stands and who it is between. */
    record Routing(ReferralStatus status, String sendingUser, String sendingInstitution, String receivingInstitution,
            String specialty) {
    }

    Optional<Routing> routing(String id) {
        return jdbc.sql("""
                SELECT status, sending_user, sending_institution, receiving_institution, specialty
                FROM referral WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new Routing(ReferralStatus.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    Optional<Referral> findVisible(String id, ReferralScope scope) {
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("id", id);
        return jdbc.sql(SELECT + " WHERE r.id = :id AND " + scope.sql()).params(params)
                .query(ReferralRepository::map).optional();
    }

    List<Referral> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE r.id IN (:ids)").param("ids", List.copyOf(ids))
                .query(ReferralRepository::map).list();
    }

    List<Referral> findVisible(Collection<String> ids, ReferralScope scope) {
        if (scope.isEmpty() || ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("ids", List.copyOf(ids));
        return jdbc.sql(SELECT + " WHERE r.id IN (:ids) AND " + scope.sql()).params(params)
                .query(ReferralRepository::map).list();
    }

    List<Referral> page(ReferralScope scope, ReferralStatus status, int page, int size) {
        if (scope.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("limit", size);
        params.put("offset", (long) page * size);
        String filter = "";
        if (status != null) {
            filter = " AND r.status = :status";
            params.put("status", status.name());
        }
        // The newest (offset + size) of each part, read in index order, then merged: the page never sorts the whole
        // institution's referrals (it did, and took a quarter of a second at 100,000 on PostgreSQL). The window is a
        // number computed here and written into the statement: H2 did not apply it as a parameter of a derived table.
        // H2 reads an index in order only when the ORDER BY names the index's leading columns, even those the WHERE
        // fixes, and picks the (institution, [status,] created_at) index over the bare institution one only when
        // created_at has a condition too; without both it read and sorted all 50,000 referrals of an institution
        // (a quarter of a second at 100,000; docs/performance.md). PostgreSQL drops the fixed columns from the order.
        params.put("listSince", utc(Instant.EPOCH));
        long window = (long) page * size + size;
        StringBuilder newest = new StringBuilder();
        List<String> parts = scope.parts();
        for (int i = 0; i < parts.size(); i++) {
            String order = ReferralScope.PART_INSTITUTIONS.get(i) + " DESC" + (status == null ? "" : ", r.status DESC")
                    + ", r.created_at DESC, r.id";
            newest.append(newest.isEmpty() ? "" : " UNION ALL ").append("(SELECT r.id FROM referral r WHERE ")
                    .append(parts.get(i)).append(filter).append(" AND r.created_at > :listSince ORDER BY ")
                    .append(order).append(" FETCH FIRST ").append(window).append(" ROWS ONLY)");
        }
        return jdbc.sql(SELECT + " JOIN (" + newest + ") k ON k.id = r.id"
                + " ORDER BY r.created_at DESC, r.id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params).query(ReferralRepository::map).list();
    }

    long count(ReferralScope scope, ReferralStatus status) {
        return sumOfParts(scope, status, part -> "(SELECT COUNT(*) FROM referral r WHERE " + part + ")");
    }

    /** A count that stops once it knows there are more than a limit: exact up to the limit, else the limit. */
    record Count(long total, boolean lowerBound) {
    }

    /**
     * How many referrals of the scope there are, reading no more than {@code limit + 1} of each part: the exact count
     * reads every referral of the institution (O(n), 25 ms at 100,000 on PostgreSQL), this one a bounded number of
     * index entries whatever the size of the table. The bound is a number computed here and written into the
     * statement, as in {@link #page}.
     */
    Count countUpTo(ReferralScope scope, ReferralStatus status, long limit) {
        long n = sumOfParts(scope, status, part -> "(SELECT COUNT(*) FROM (SELECT 1 AS one FROM referral r WHERE "
                + part + " FETCH FIRST " + (limit + 1) + " ROWS ONLY) capped)");
        return n > limit ? new Count(limit, true) : new Count(n, false);
    }

    private long sumOfParts(ReferralScope scope, ReferralStatus status,
            Function<String, String> countOfPart) {
        if (scope.isEmpty()) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>(scope.params());
        String filter = "";
        if (status != null) {
            filter = " AND r.status = :status";
            params.put("status", status.name());
        }
        StringBuilder sum = new StringBuilder();
        for (String part : scope.parts()) {
            sum.append(sum.isEmpty() ? "SELECT " : " + ").append(countOfPart.apply(part + filter));
        }
        return jdbc.sql(sum.toString()).params(params).query(Long.class).single();
    }

    Map<ReferralStatus, Long> countsByStatus() {
        Map<ReferralStatus, Long> counts = new java.util.EnumMap<>(ReferralStatus.class);
        jdbc.sql("SELECT status, COUNT(*) FROM referral GROUP BY status")
                .query(rs -> {
                    counts.put(ReferralStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    void setProcessInstance(String id, String processInstanceId) {
        jdbc.sql("UPDATE referral SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    /** Moves the referral on; the first time it reaches a stage, the stage's time is kept (V11 stage columns). */
    void setStatus(String id, ReferralStatus from, ReferralStatus status, Instant now) {
        StringBuilder stamps = new StringBuilder();
        for (String column : stageColumns(from, status)) {
            stamps.append(", ").append(column).append(" = COALESCE(").append(column).append(", :now)");
        }
        jdbc.sql("UPDATE referral SET status = :status, updated_at = :now" + stamps + " WHERE id = :id")
                .param("status", status.name()).param("now", utc(now)).param("id", id).update();
    }

    /** The stage columns a move from one status to another stamps: triage ends with a decision other than asking. */
    static List<String> stageColumns(ReferralStatus from, ReferralStatus to) {
        return switch (to) {
            case ACCEPTED -> List.of("triaged_at");
            case DECLINED -> List.of("triaged_at", "closed_at");
            case COMPLETED -> from == ReferralStatus.RECEIVED ? List.of("triaged_at", "closed_at") : List.of("closed_at");
            case SCHEDULED -> List.of("scheduled_at");
            case REPORT_SENT -> List.of("report_sent_at");
            case CANCELLED -> List.of("closed_at");
            default -> List.of();
        };
    }

    void setDeclineReason(String id, DeclineReason reason) {
        jdbc.sql("UPDATE referral SET decline_reason_code = ? WHERE id = ?").params(reason.name(), id).update();
    }

    void markTriageBreached(String id, Instant now) {
        jdbc.sql("UPDATE referral SET triage_breached_at = COALESCE(triage_breached_at, ?) WHERE id = ?")
                .params(utc(now), id).update();
    }

    /** Whether the referral exists (and now has the due time). */
    boolean setTriageDue(String id, Instant due, Instant now) {
        return jdbc.sql("UPDATE referral SET triage_due = ?, updated_at = ? WHERE id = ?")
                .params(utc(due), utc(now), id).update() == 1;
    }

    void setAppointment(String id, Instant appointmentAt, Instant now) {
        jdbc.sql("UPDATE referral SET appointment_at = ?, updated_at = ? WHERE id = ?")
                .params(utc(appointmentAt), utc(now), id).update();
    }

    /** Records a cancellation request; only one may be open, and only while the referral is still running. */
    boolean requestCancellation(String id, String reason, String requestedBy, Instant now) {
        List<String> open = new ArrayList<>();
        for (ReferralStatus s : ReferralStatus.values()) {
            if (!s.isTerminal() && s != ReferralStatus.CANCELLATION_REQUESTED) {
                open.add(s.name());
            }
        }
        return jdbc.sql("""
                UPDATE referral SET cancellation_reason = :reason, cancellation_requested_by = :by, updated_at = :now
                WHERE id = :id AND status IN (:open)""")
                .param("reason", reason).param("by", requestedBy).param("now", utc(now)).param("id", id)
                .param("open", open)
                .update() == 1;
    }

    void rememberStatusBeforeCancellation(String id, ReferralStatus status) {
        jdbc.sql("UPDATE referral SET status_before_cancellation = ? WHERE id = ?").params(status.name(), id).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Referral map(ResultSet rs, int row) throws SQLException {
        String before = rs.getString("status_before_cancellation");
        return new Referral(rs.getString("id"), rs.getString("patient_id"), rs.getString("hkid"),
                rs.getString("patient_name"), rs.getObject("patient_dob", java.time.LocalDate.class),
                rs.getString("sending_institution"), rs.getString("sending_user"), rs.getString("receiving_institution"),
                rs.getString("specialty"), Urgency.valueOf(rs.getString("urgency")), rs.getString("reason"),
                rs.getString("clinical_summary"), ReferralStatus.valueOf(rs.getString("status")),
                before == null ? null : ReferralStatus.valueOf(before), rs.getString("cancellation_reason"),
                rs.getString("process_instance_id"), instant(rs, "triage_due"), instant(rs, "appointment_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
