package hk.carerelay.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/** The sla_clock table: one row per clocked task, claimed once when it breaches. */
@Repository
public class SlaClocks {

    private static final String SELECT = """
            SELECT task_id, process_key, task_key, process_instance_id, case_id, institution, urgency, started_at,
                   due_at, ended_at, breached_at, breach_process_id, case_institution, case_specialty FROM sla_clock""";

    private final JdbcClient jdbc;

    SlaClocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void start(SlaClock clock) {
        jdbc.sql("""
                INSERT INTO sla_clock (task_id, process_key, task_key, process_instance_id, case_id, institution,
                                       urgency, started_at, due_at, case_institution, case_specialty)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(clock.taskId(), clock.processKey(), clock.taskKey(), clock.processInstanceId(), clock.caseId(),
                        clock.institution(), clock.urgency(), utc(clock.startedAt()), utc(clock.dueAt()),
                        clock.caseInstitution(), clock.caseSpecialty())
                .update();
    }

    void stop(String taskId, Instant at) {
        jdbc.sql("UPDATE sla_clock SET ended_at = ? WHERE task_id = ? AND ended_at IS NULL")
                .params(utc(at), taskId).update();
    }

    /** Running clocks past their due time that no node has raised yet, soonest due first. */
    List<SlaClock> overdue(Instant now, int limit) {
        return jdbc.sql(SELECT + " WHERE ended_at IS NULL AND breached_at IS NULL AND due_at <= ?"
                + " ORDER BY due_at FETCH FIRST " + limit + " ROWS ONLY")
                .param(utc(now)).query(this::map).list();
    }

    /**
     * Claims the breach of one clock: true for exactly one caller, however many nodes try, and only while the task
     * is still waiting (a completion that commits first wins).
     */
    boolean claimBreach(String taskId, Instant at) {
        return jdbc.sql("UPDATE sla_clock SET breached_at = ? WHERE task_id = ? AND breached_at IS NULL AND ended_at IS NULL")
                .params(utc(at), taskId).update() == 1;
    }

    void setBreachProcess(String taskId, String processInstanceId) {
        jdbc.sql("UPDATE sla_clock SET breach_process_id = ? WHERE task_id = ?").params(processInstanceId, taskId)
                .update();
    }

    void breachHandled(String taskId, Instant at) {
        jdbc.sql("UPDATE sla_clock SET breach_handled_at = ? WHERE task_id = ? AND breach_handled_at IS NULL")
                .params(utc(at), taskId).update();
    }

    public Optional<SlaClock> find(String taskId) {
        return jdbc.sql(SELECT + " WHERE task_id = ?").param(taskId).query(this::map).optional();
    }

    /** Clocks raised as breaches whose managers' institution is given, among the ids (breach process business keys). */
    List<SlaClock> breachedOf(String institution, Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE institution = :institution AND breached_at IS NOT NULL AND task_id IN (:ids)")
                .param("institution", institution).param("ids", taskIds).query(this::map).list();
    }

    /** A breached clock, for the managers of its institution (empty for anyone else). */
    public Optional<SlaClock> breachFor(CareRelayUser user, String taskId) {
        if (user.role() != Role.MANAGER) {
            return Optional.empty();
        }
        return breachedOf(user.institution(), List.of(taskId)).stream().findFirst();
    }

    /** Breaches by stage ("process/task"), for the dashboard and metrics. */
    public Map<String, Long> breachesByStage() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT process_key, task_key, COUNT(*) FROM sla_clock WHERE breached_at IS NOT NULL
                GROUP BY process_key, task_key ORDER BY process_key, task_key""")
                .query((rs, row) -> counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3))).list();
        return counts;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private SlaClock map(ResultSet rs, int row) throws SQLException {
        return new SlaClock(rs.getString("task_id"), rs.getString("process_key"), rs.getString("task_key"),
                rs.getString("process_instance_id"), rs.getString("case_id"), rs.getString("institution"),
                rs.getString("urgency"), instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "ended_at"),
                instant(rs, "breached_at"), rs.getString("breach_process_id"), rs.getString("case_institution"),
                rs.getString("case_specialty"));
    }
}
