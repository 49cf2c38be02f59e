package hk.carerelay.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import hk.carerelay.patient.Hkid;

/**
 * SQL for the worklists: one query for every list's count, one paged query per list, over the referral table (its
 * receiving institution, status and due dates are indexed, V11) and, for the claimable task and the "me" scope, the
 * engine's runtime task table. Every query takes the caller's {@link ReferralScope}.
 */
@Repository
class WorklistRepository {

    private final JdbcClient jdbc;
    private final String taskTable;

    WorklistRepository(JdbcClient jdbc, ManagementService managementService) {
        this.jdbc = jdbc;
        this.taskTable = managementService.getTableName(Task.class);
    }

    /** The conditions of one query, with their parameters. */
    private final class Where {
        final StringBuilder sql = new StringBuilder();
        final Map<String, Object> params = new HashMap<>();

        Where(ReferralScope scope, String institution, WorklistFilter filter, String username) {
            // The lists are the caller's institution's received referrals: the scope's received part says so without
            // the sending institution, a column outside the (institution, status, ...) indexes the counts read.
            sql.append(" WHERE r.receiving_institution = :institution AND ").append(scope.received());
            params.putAll(scope.params());
            params.put("institution", institution);
            if (filter.specialty() != null) {
                sql.append(" AND r.specialty = :specialty");
                params.put("specialty", filter.specialty());
            }
            if (filter.urgency() != null) {
                sql.append(" AND r.urgency = :urgency");
                params.put("urgency", filter.urgency().name());
            }
            if (filter.text() != null) {
                sql.append(" AND (LOWER(r.patient_name) LIKE :namePattern ESCAPE '\\' OR r.id = :text");
                params.put("namePattern", "%" + escapeLike(filter.text().toLowerCase(java.util.Locale.ROOT)) + "%");
                params.put("text", filter.text());
                Hkid.parse(filter.text()).ifPresent(hkid -> {
                    sql.append(" OR r.patient_id IN (SELECT p.id FROM patient p WHERE p.hkid = :hkid)");
                    params.put("hkid", hkid.value());
                });
                sql.append(')');
            }
            if (filter.scope() == WorklistScope.ME) {
                sql.append(" AND EXISTS (SELECT 1 FROM ").append(taskTable)
                        .append(" mine WHERE mine.PROC_INST_ID_ = r.process_instance_id AND mine.ASSIGNEE_ = :me)");
                params.put("me", username);
            }
        }
    }

    private static String condition(Worklist list) {
        String condition = "r.status = '" + list.status().name() + "'";
        return switch (list) {
            // the triage clock starts when triage does: a received referral without it still waits for consent
            case FOR_REVIEW -> condition + " AND r.triage_due IS NOT NULL";
            case OVERDUE -> condition + " AND r.triage_due < :now";
            case AWAITING_CONSENT -> condition + " AND r.triage_due IS NULL";
            default -> condition;
        };
    }

    /**
     * How many referrals each list holds, in one statement of one count per list. Each count has the list's status as
     * an equality, so it reads only that status's range of the (institution, status, ...) indexes of V11: H2 does not
     * use a {@code status IN (...)} after the institution column as an index condition and read every referral the
     * institution ever received (ten times the time from 10,000 to 100,000 referrals).
     */
    Map<Worklist, Long> counts(ReferralScope scope, String institution, WorklistFilter filter, String username,
            Instant now) {
        Map<Worklist, Long> counts = new EnumMap<>(Worklist.class);
        if (scope.isEmpty()) {
            for (Worklist list : Worklist.values()) {
                counts.put(list, 0L);
            }
            return counts;
        }
        Where where = new Where(scope, institution, filter, username);
        where.params.put("now", utc(now));
        StringBuilder select = new StringBuilder("SELECT ");
        for (Worklist list : Worklist.values()) {
            select.append(list.ordinal() == 0 ? "" : ", ").append("(SELECT COUNT(*) FROM referral r").append(where.sql)
                    .append(" AND ").append(condition(list)).append(')');
        }
        return jdbc.sql(select.toString()).params(where.params).query((rs, n) -> {
            for (Worklist list : Worklist.values()) {
                counts.put(list, rs.getLong(list.ordinal() + 1));
            }
            return counts;
        }).single();
    }

    /** One page of a list, soonest due first, then in order of arrival. */
    List<WorklistRow> page(Worklist list, ReferralScope scope, String institution, WorklistFilter filter,
            String username, Instant now, int page, int size) {
        if (scope.isEmpty()) {
            return List.of();
        }
        Where where = new Where(scope, institution, filter, username);
        where.params.put("now", utc(now));
        where.params.put("limit", size);
        where.params.put("offset", (long) page * size);
        StringBuilder sql = new StringBuilder("""
                SELECT r.id, r.patient_id, r.patient_name, r.specialty, r.urgency, r.status, r.sending_institution,
                       r.created_at, r.triage_due, r.appointment_at""");
        if (list.taskKey() != null) {
            sql.append(", t.ID_ AS task_id, t.ASSIGNEE_ AS assignee FROM referral r LEFT JOIN ").append(taskTable)
                    .append(" t ON t.PROC_INST_ID_ = r.process_instance_id AND t.TASK_DEF_KEY_ = :taskKey");
            where.params.put("taskKey", list.taskKey());
        } else {
            sql.append(", NULL AS task_id, NULL AS assignee FROM referral r");
        }
        sql.append(where.sql).append(" AND ").append(condition(list)).append(" ORDER BY ");
        if (list.due().column != null) {
            sql.append(list.due().column).append(" ASC NULLS LAST, ");
        }
        sql.append("r.created_at, r.id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY");
        return jdbc.sql(sql.toString()).params(where.params).query((rs, n) -> row(rs, list)).list();
    }

    long count(Worklist list, ReferralScope scope, String institution, WorklistFilter filter, String username,
            Instant now) {
        if (scope.isEmpty()) {
            return 0;
        }
        Where where = new Where(scope, institution, filter, username);
        where.params.put("now", utc(now));
        return jdbc.sql("SELECT COUNT(*) FROM referral r" + where.sql + " AND " + condition(list))
                .params(where.params).query(Long.class).single();
    }

    // ---- saved filters ----

    List<SavedWorklistFilter> filters(String owner) {
        return jdbc.sql("""
                SELECT id, owner, name, list_name, scope, specialty, urgency, text_query, created_at
                FROM worklist_filter WHERE owner = ? ORDER BY name""")
                .param(owner).query(WorklistRepository::filter).list();
    }

    long filterCount(String owner) {
        return jdbc.sql("SELECT COUNT(*) FROM worklist_filter WHERE owner = ?").param(owner).query(Long.class).single();
    }

    boolean filterNameTaken(String owner, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM worklist_filter WHERE owner = ? AND name = ?").params(owner, name)
                .query(Long.class).single() > 0;
    }

    void insertFilter(SavedWorklistFilter f) {
        WorklistFilter filter = f.filter();
        jdbc.sql("""
                INSERT INTO worklist_filter (id, owner, name, list_name, scope, specialty, urgency, text_query, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(f.id(), f.owner(), f.name(), f.list().path(), filter.scope().path(), filter.specialty(),
                        filter.urgency() == null ? null : filter.urgency().name(), filter.text(), utc(f.createdAt()))
                .update();
    }

    boolean deleteFilter(String owner, String id) {
        return jdbc.sql("DELETE FROM worklist_filter WHERE id = ? AND owner = ?").params(id, owner).update() == 1;
    }

    private static SavedWorklistFilter filter(ResultSet rs, int row) throws SQLException {
        String urgency = rs.getString("urgency");
        return new SavedWorklistFilter(rs.getString("id"), rs.getString("owner"), rs.getString("name"),
                Worklist.byPath(rs.getString("list_name")).orElseThrow(),
                new WorklistFilter(WorklistScope.byPath(rs.getString("scope")).orElseThrow(), rs.getString("specialty"),
                        urgency == null ? null : Urgency.valueOf(urgency), rs.getString("text_query")),
                instant(rs, "created_at"));
    }

    private static WorklistRow row(ResultSet rs, Worklist list) throws SQLException {
        Instant triageDue = instant(rs, "triage_due");
        Instant appointmentAt = instant(rs, "appointment_at");
        Instant due = switch (list.due()) {
            case TRIAGE -> triageDue;
            case APPOINTMENT -> appointmentAt;
            case NONE -> null;
        };
        return new WorklistRow(rs.getString("id"), rs.getString("patient_name"), rs.getString("specialty"),
                Urgency.valueOf(rs.getString("urgency")), ReferralStatus.valueOf(rs.getString("status")),
                rs.getString("sending_institution"), instant(rs, "created_at"), triageDue, appointmentAt, due,
                rs.getString("task_id"), rs.getString("assignee"), rs.getString("patient_id"), false);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
