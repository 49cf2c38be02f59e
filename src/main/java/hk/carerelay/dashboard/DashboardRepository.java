package hk.carerelay.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import hk.carerelay.dashboard.Dashboard.Breach;
import hk.carerelay.dashboard.Dashboard.Outcomes;
import hk.carerelay.dashboard.Dashboard.Turnaround;
import hk.carerelay.dashboard.Dashboard.Volume;
import hk.carerelay.dashboard.Dashboard.WeeklyTurnaround;
import hk.carerelay.dashboard.Dashboard.Workload;
import hk.carerelay.identity.Role;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.referral.Urgency;

/**
 * The dashboard's SQL: every figure is an aggregate computed by the database over one institution's referrals,
 * found by the (institution, stage time) indexes of V16; percentiles are PERCENTILE_CONT, which H2 and PostgreSQL
 * both compute (over intervals for durations). Weeks are numbered from the Monday of the period's first week (Hong
 * Kong time) by the days elapsed since it, the same on both databases whatever their session time zone. A dashboard
 * is a fixed number of statements (about fifteen), none per referral.
 */
@Repository
class DashboardRepository {

    private static final List<String> OPEN_STATUS_NAMES = List.of("RECEIVED", "INFO_REQUESTED", "ACCEPTED",
            "SCHEDULED", "REPORT_SENT", "CANCELLATION_REQUESTED");
    private static final String OPEN_STATUSES = "('" + String.join("', '", OPEN_STATUS_NAMES) + "')";
    static final String ACCEPTED = "r.triaged_at IS NOT NULL AND r.status <> 'DECLINED' AND NOT "
            + "(r.status = 'COMPLETED' AND r.report_sent_at IS NULL)";
    static final String DECLINED = "r.status = 'DECLINED'";
    static final String ADVICE = "r.status = 'COMPLETED' AND r.triaged_at IS NOT NULL AND r.report_sent_at IS NULL";
    static final String CANCELLED = "r.status = 'CANCELLED'";
    static final String BREACHED = "r.triage_breached_at IS NOT NULL";

    /** The referral process's key in sla_clock; its triage has its own timer and is never counted from the clocks. */
    private static final String REFERRAL_PROCESS = "referral";
    static final String TRIAGE_TASK = "Task_TriageReferral";
    /**
     * The clocks of the referral process's steps (triage aside) of the institution's referrals, started in the
     * period: by the clock's copy of its referral's receiving institution (V25).
     */
    private static final String STEP_CLOCKS = "c.process_key = '" + REFERRAL_PROCESS + "' AND c.case_institution"
            + " = :institution AND c.task_key <> '" + TRIAGE_TASK + "' AND c.started_at >= :clockFrom"
            + " AND c.started_at < :clockTo";

    // Consent (ADR 0019): what the decisions covering each referral make of it is kept per referral in
    // consent_coverage (V25, hk.carerelay.consent.ConsentCoverage); a drill-down probes it by primary key.
    static final String CONSENT_DECIDED = coverage("v.decided = 1");
    static final String CONSENT_GRANTED = coverage("v.granted = 1");
    static final String CONSENT_IN_FORCE = coverage("v.in_force = 1");
    private static final String CONSENT_WITHDRAWN = coverage("v.granted = 1 AND v.in_force = 0 AND v.withdrawn = 1");
    private static final String CONSENT_EXPIRED = coverage("v.granted = 1 AND v.in_force = 0 AND v.withdrawn = 0"
            + " AND v.expired = 1");
    private static final String CONSENT_REFUSED = coverage("v.decided = 1 AND v.granted = 0");
    static final String CONSENT_WAITED = coverage("v.waited_seconds IS NOT NULL");

    private static String coverage(String condition) {
        return "EXISTS (SELECT 1 FROM consent_coverage v WHERE v.referral_id = r.id AND " + condition + ")";
    }

    private final JdbcClient jdbc;
    private final String taskTable;

    DashboardRepository(JdbcClient jdbc, ManagementService managementService) {
        this.jdbc = jdbc;
        this.taskTable = managementService.getTableName(Task.class);
    }

    /** The conditions every figure shares: the institution, the filters and, when a column is given, the period. */
    private static final class Where {
        final StringBuilder sql = new StringBuilder();
        final Map<String, Object> params = new HashMap<>();

        Where(DashboardQuery query, String periodColumn) {
            sql.append(" WHERE r.receiving_institution = :institution");
            params.put("institution", query.institution());
            if (periodColumn != null) {
                sql.append(" AND r.").append(periodColumn).append(" >= :from AND r.").append(periodColumn)
                        .append(" < :to");
                params.put("from", utc(query.start()));
                params.put("to", utc(query.end()));
            }
            if (query.specialty() != null) {
                sql.append(" AND r.specialty = :specialty");
                params.put("specialty", query.specialty());
            }
            if (query.urgency() != null) {
                sql.append(" AND r.urgency = :urgency");
                params.put("urgency", query.urgency().name());
            }
        }

        Where and(String condition) {
            sql.append(" AND ").append(condition);
            return this;
        }
    }

    /**
     * The week number of a time, counted from the first week's Monday (Hong Kong, which has no daylight saving, so
     * whole days from that midnight are Hong Kong days): the days of the interval from it, divided by seven. The
     * origin is written into the statement as a literal (it is computed here, never taken from input): H2 takes
     * about 200 ms to prepare the statement when it is a parameter. On H2 this costs a fifth of the same number
     * computed from epoch seconds.
     */
    private static String week(String column, DashboardQuery query) {
        return "FLOOR(EXTRACT(DAY FROM (r." + column + " - TIMESTAMP WITH TIME ZONE '" + origin(query) + "')) / 7)";
    }

    /**
     * A stage's duration as an interval. Its percentiles are taken over the intervals and only they are turned into
     * seconds: on H2, extracting the seconds of every referral's duration cost more than the rest of the statement.
     */
    private static String duration(Stage stage) {
        return "(r." + stage.endColumn + " - r." + stage.startColumn + ")";
    }

    private static String origin(DashboardQuery query) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").format(
                query.firstWeek().atStartOfDay(hk.carerelay.shared.HongKongTime.ZONE).toOffsetDateTime()
                        .withOffsetSameInstant(ZoneOffset.UTC));
    }

    // ---- turnaround ----

    private static Where stageWhere(DashboardQuery query, Stage stage) {
        Where where = new Where(query, stage.endColumn).and("r." + stage.startColumn + " IS NOT NULL");
        return stage.condition == null ? where : where.and(stage.condition);
    }

    /**
     * Count, median, p90 and p95 of every stage that ended in the period: one statement per stage (H2 plans a
     * UNION ALL of the four far worse than the four statements, each of which uses its stage's index). The duration
     * is computed once per referral in a derived table, not once per percentile: H2 evaluates the expression of
     * each ordered-set aggregate separately, three times over.
     */
    List<Turnaround> turnaround(DashboardQuery query) {
        List<Turnaround> rows = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            Where where = stageWhere(query, stage);
            rows.add(jdbc.sql("SELECT COUNT(*) AS n" + percentiles("d", true) + " FROM (SELECT " + duration(stage)
                    + " AS d FROM referral r" + where.sql + ") t")
                    .params(where.params).query((rs, n) -> new Turnaround(stage, rs.getLong("n"), hours(rs, "p50"),
                            hours(rs, "p90"), hours(rs, "p95"))).single());
        }
        return rows;
    }

    /** The same per week in which the stage ended, one statement per stage. */
    List<WeeklyTurnaround> turnaroundByWeek(DashboardQuery query) {
        LocalDate first = query.firstWeek();
        List<WeeklyTurnaround> rows = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            Where where = stageWhere(query, stage);
            rows.addAll(jdbc.sql("SELECT wk, COUNT(*) AS n" + percentiles("d", true) + " FROM (SELECT "
                    + week(stage.endColumn, query) + " AS wk, " + duration(stage) + " AS d FROM referral r" + where.sql
                    + ") t GROUP BY wk ORDER BY wk").params(where.params)
                    .query((rs, n) -> new WeeklyTurnaround(stage, first.plusWeeks(rs.getLong("wk")), rs.getLong("n"),
                            hours(rs, "p50"), hours(rs, "p90"), hours(rs, "p95")))
                    .list());
        }
        return rows;
    }

    /** Median, p90 and p95 in seconds, of seconds or (interval) of intervals. */
    private static String percentiles(String expression, boolean interval) {
        StringBuilder sql = new StringBuilder();
        for (String[] p : new String[][] {{"0.5", "p50"}, {"0.9", "p90"}, {"0.95", "p95"}}) {
            String percentile = "PERCENTILE_CONT(" + p[0] + ") WITHIN GROUP (ORDER BY " + expression + ")";
            sql.append(", ").append(interval ? "EXTRACT(EPOCH FROM " + percentile + ")" : percentile).append(" AS ")
                    .append(p[1]);
        }
        return sql.toString();
    }

    // ---- volumes, outcomes, breaches ----

    List<Volume> receivedByWeek(DashboardQuery query) {
        Where where = new Where(query, "created_at");
        LocalDate first = query.firstWeek();
        return jdbc.sql("SELECT wk, COUNT(*) AS n FROM (SELECT " + week("created_at", query) + " AS wk FROM referral r"
                + where.sql + ") t GROUP BY wk ORDER BY wk").params(where.params)
                .query((rs, n) -> new Volume(first.plusWeeks(rs.getLong("wk")).toString(), rs.getLong("n"))).list();
    }

    /** Received in the period, grouped by one of the referral's columns (specialty, sending_institution, urgency). */
    List<Volume> receivedBy(DashboardQuery query, String column) {
        if (!List.of("specialty", "sending_institution", "urgency").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        Where where = new Where(query, "created_at");
        return jdbc.sql("SELECT r." + column + " AS k, COUNT(*) AS n FROM referral r" + where.sql + " GROUP BY r."
                + column + " ORDER BY n DESC, k").params(where.params)
                .query((rs, n) -> new Volume(rs.getString("k"), rs.getLong("n"))).list();
    }

    /** Triage outcomes, cancellations and triage SLA breaches of the referrals received in the period. */
    record Summary(Outcomes outcomes, Breach triageBreaches) {
    }

    Summary summary(DashboardQuery query) {
        Where where = new Where(query, "created_at");
        return jdbc.sql("SELECT COUNT(*) AS received"
                + ", COALESCE(SUM(CASE WHEN r.triaged_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS triaged"
                + ", COALESCE(SUM(CASE WHEN " + ACCEPTED + " THEN 1 ELSE 0 END), 0) AS accepted"
                + ", COALESCE(SUM(CASE WHEN " + DECLINED + " THEN 1 ELSE 0 END), 0) AS declined"
                + ", COALESCE(SUM(CASE WHEN " + ADVICE + " THEN 1 ELSE 0 END), 0) AS advice"
                + ", COALESCE(SUM(CASE WHEN " + CANCELLED + " THEN 1 ELSE 0 END), 0) AS cancelled"
                + ", COALESCE(SUM(CASE WHEN " + BREACHED + " THEN 1 ELSE 0 END), 0) AS breached"
                + " FROM referral r" + where.sql).params(where.params).query((rs, n) -> {
                    long received = rs.getLong("received");
                    long triaged = rs.getLong("triaged");
                    long accepted = rs.getLong("accepted");
                    long declined = rs.getLong("declined");
                    long advice = rs.getLong("advice");
                    long cancelled = rs.getLong("cancelled");
                    long breached = rs.getLong("breached");
                    return new Summary(new Outcomes(received, triaged, accepted, declined, advice, cancelled,
                            rate(accepted, triaged), rate(declined, triaged), rate(advice, triaged),
                            rate(cancelled, received)), new Breach(Stage.TRIAGE, received, breached,
                                    rate(breached, received)));
                }).single();
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** Declines among the referrals received in the period, by coded reason ({@code NOT_RECORDED} before V23). */
    List<Volume> declinesByReason(DashboardQuery query) {
        Where where = new Where(query, "created_at").and(DECLINED);
        String key = "COALESCE(r.decline_reason_code, '" + DrillDown.NOT_RECORDED + "')";
        return jdbc.sql("SELECT " + key + " AS k, COUNT(*) AS n FROM referral r" + where.sql + " GROUP BY " + key
                + " ORDER BY n DESC, k").params(where.params)
                .query((rs, n) -> new Volume(rs.getString("k"), rs.getLong("n"))).list();
    }

    /**
     * Consent of the referrals received in the period, from their consent_coverage rows (aliased {@code r}: they carry
     * the referral's institution, time of receipt, specialty and urgency, so the same conditions apply), one range of
     * its covering index: sums of the flags and the percentiles of the wait for a first grant.
     */
    Dashboard.Consents consents(DashboardQuery query) {
        Where where = new Where(query, "created_at");
        return jdbc.sql("SELECT COUNT(*) AS received, COALESCE(SUM(r.decided), 0) AS decided"
                + ", COALESCE(SUM(r.granted), 0) AS granted, COALESCE(SUM(r.in_force), 0) AS in_force"
                + ", COALESCE(SUM(CASE WHEN r.granted = 1 AND r.in_force = 0 AND r.withdrawn = 1 THEN 1 ELSE 0 END), 0)"
                + " AS withdrawn, COALESCE(SUM(CASE WHEN r.granted = 1 AND r.in_force = 0 AND r.withdrawn = 0"
                + " AND r.expired = 1 THEN 1 ELSE 0 END), 0) AS expired"
                + ", COALESCE(SUM(CASE WHEN r.decided = 1 AND r.granted = 0 THEN 1 ELSE 0 END), 0) AS refused"
                + ", COUNT(r.waited_seconds) AS waited" + percentiles("r.waited_seconds", false)
                + " FROM consent_coverage r" + where.sql).params(where.params).query((rs, n) -> {
                    long decided = rs.getLong("decided");
                    long granted = rs.getLong("granted");
                    return new Dashboard.Consents(rs.getLong("received"), decided, granted, rs.getLong("in_force"),
                            rs.getLong("withdrawn"), rs.getLong("expired"), rs.getLong("refused"),
                            rate(granted, decided), rs.getLong("waited"), hours(rs, "p50"), hours(rs, "p90"),
                            hours(rs, "p95"));
                }).single();
    }

    /**
     * Breaches of the referral process's clocked steps (sla_clock, ADR 0018) of the referrals the institution
     * received, by step: of the clocks started in the period, how many breached. Triage is left out: it has its own
     * timer and row, so a configured triage clock would not be counted twice. Read from one range of V25's covering
     * index: each clock carries its referral's receiving institution, specialty and urgency, which never change once
     * the referral is sent, so no referral is read (joining each clock to its referral cost 0.9 s of a year's
     * dashboard on H2 at 100,000 referrals).
     */
    List<Dashboard.StepBreach> stepBreaches(DashboardQuery query) {
        StringBuilder sql = new StringBuilder("SELECT c.task_key AS step, COUNT(*) AS n"
                + ", COALESCE(SUM(CASE WHEN c.breached_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS b"
                + " FROM sla_clock c WHERE " + STEP_CLOCKS);
        Map<String, Object> params = clockPeriod(new Where(query, null), query).params;
        if (query.specialty() != null) {
            sql.append(" AND c.case_specialty = :specialty");
        }
        if (query.urgency() != null) {
            sql.append(" AND c.urgency = :urgency");
        }
        return jdbc.sql(sql + " GROUP BY c.task_key ORDER BY c.task_key").params(params)
                .query((rs, n) -> new Dashboard.StepBreach(rs.getString("step"), rs.getLong("n"), rs.getLong("b"),
                        rate(rs.getLong("b"), rs.getLong("n")))).list();
    }

    private static Where clockPeriod(Where where, DashboardQuery query) {
        where.params.put("clockFrom", utc(query.start()));
        where.params.put("clockTo", utc(query.end()));
        return where;
    }

    // ---- open referrals and workload ----

    /**
     * Referrals open now (whenever received), by how long they have been waiting. The open referrals are read as one
     * range of the (institution, status, created_at) index per open status: H2 does not use {@code status IN (...)}
     * after the institution column as an index condition, and read every referral the institution ever received.
     */
    Map<AgeBand, Long> openByAge(DashboardQuery query, Instant now) {
        Where where = new Where(query, null);
        StringBuilder open = new StringBuilder();
        for (String status : OPEN_STATUS_NAMES) {
            open.append(open.isEmpty() ? "" : " UNION ALL ").append("SELECT r.created_at FROM referral r")
                    .append(where.sql).append(" AND r.status = '").append(status).append('\'');
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (AgeBand band : AgeBand.values()) {
            sql.append(band.ordinal() == 0 ? "" : ", ").append("COALESCE(SUM(CASE WHEN ").append(ageCondition(band))
                    .append(" THEN 1 ELSE 0 END), 0)");
            bandParams(where.params, band, now);
        }
        sql.append(" FROM (").append(open).append(") r");
        Map<AgeBand, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(where.params).query((rs, n) -> {
            for (AgeBand band : AgeBand.values()) {
                counts.put(band, rs.getLong(band.ordinal() + 1));
            }
            return counts;
        }).single();
        return counts;
    }

    private static String ageCondition(AgeBand band) {
        String since = "r.created_at <= :bandFrom" + band.ordinal();
        return band.to == null ? since : since + " AND r.created_at > :bandTo" + band.ordinal();
    }

    private static void bandParams(Map<String, Object> params, AgeBand band, Instant now) {
        params.put("bandFrom" + band.ordinal(), utc(now.minus(band.from)));
        if (band.to != null) {
            params.put("bandTo" + band.ordinal(), utc(now.minus(band.to)));
        }
    }

    /** Coordinators' and specialists' open assigned referrals (now) and referrals handled in the period. */
    List<Workload> workload(DashboardQuery query) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Role> roles = new HashMap<>();
        Where open = new Where(query, null);
        // Driven from the assigned open tasks, each checked against its referral by the process index, rather than
        // from every referral the institution ever received (H2 read them all: 145 ms at 100,000 referrals).
        jdbc.sql("SELECT t.ASSIGNEE_ AS username, u.role, COUNT(DISTINCT t.PROC_INST_ID_) AS n FROM " + taskTable
                + " t JOIN app_user u ON u.username = t.ASSIGNEE_ WHERE t.ASSIGNEE_ IS NOT NULL"
                + " AND u.role IN ('COORDINATOR', 'SPECIALIST') AND EXISTS (SELECT 1 FROM referral r" + open.sql
                + " AND r.process_instance_id = t.PROC_INST_ID_) GROUP BY t.ASSIGNEE_, u.role")
                .params(open.params).query((rs, n) -> {
                    counts.computeIfAbsent(rs.getString("username"), k -> new long[2])[0] = rs.getLong("n");
                    roles.put(rs.getString("username"), Role.valueOf(rs.getString("role")));
                    return n;
                }).list();
        Where handled = new Where(query, null);
        handled.params.put("from", utc(query.start()));
        handled.params.put("to", utc(query.end()));
        // Driven from the period's submissions (by their time index), each checked against its referral by primary
        // key: as a join, H2 started from the institution's referrals and probed the submissions of every one of them
        // (50,000 at 100,000 referrals, whatever the period).
        jdbc.sql("SELECT s.submitted_by AS username, u.role, COUNT(DISTINCT s.business_key) AS n FROM task_submission s"
                + " JOIN app_user u ON u.username = s.submitted_by WHERE s.submitted_at >= :from"
                + " AND s.submitted_at < :to AND u.role IN ('COORDINATOR', 'SPECIALIST') AND EXISTS (SELECT 1 FROM"
                + " referral r" + handled.sql + " AND r.id = s.business_key) GROUP BY s.submitted_by, u.role")
                .params(handled.params).query((rs, n) -> {
                    counts.computeIfAbsent(rs.getString("username"), k -> new long[2])[1] = rs.getLong("n");
                    roles.put(rs.getString("username"), Role.valueOf(rs.getString("role")));
                    return n;
                }).list();
        List<Workload> rows = new ArrayList<>();
        counts.forEach((user, c) -> rows.add(new Workload(user, roles.get(user), c[0], c[1])));
        rows.sort(java.util.Comparator.comparing(Workload::role).thenComparing(Workload::username));
        return rows;
    }

    // ---- drill-down ----

    private Where drillWhere(DashboardQuery query, DrillDown drill, Instant now) {
        Figure figure = drill.figure();
        String timeColumn = timeColumn(drill);
        Where where = new Where(query, figure == Figure.OPEN || figure == Figure.ASSIGNED || figure == Figure.HANDLED
                || figure == Figure.STEP_BREACHED ? null : timeColumn);
        switch (figure) {
            case STAGE -> {
                where.and("r." + drill.stage().startColumn + " IS NOT NULL");
                if (drill.stage().condition != null) {
                    where.and(drill.stage().condition);
                }
            }
            case ACCEPTED -> where.and(ACCEPTED);
            case DECLINED -> {
                where.and(DECLINED);
                if (DrillDown.NOT_RECORDED.equals(drill.reason())) {
                    where.and("r.decline_reason_code IS NULL");
                } else if (drill.reason() != null) {
                    where.and("r.decline_reason_code = :reason");
                    where.params.put("reason", drill.reason());
                }
            }
            case ADVICE -> where.and(ADVICE);
            case CANCELLED -> where.and(CANCELLED);
            case TRIAGE_BREACHED -> where.and(BREACHED);
            case STEP_BREACHED -> {
                clockPeriod(where, query).and("r.id IN (SELECT c.case_id FROM sla_clock c WHERE " + STEP_CLOCKS
                        + " AND c.task_key = :step AND c.breached_at IS NOT NULL)");
                where.params.put("step", drill.step());
            }
            case CONSENT_DECIDED -> where.and(CONSENT_DECIDED);
            case CONSENT_GRANTED -> where.and(CONSENT_GRANTED);
            case CONSENT_IN_FORCE -> where.and(CONSENT_IN_FORCE);
            case CONSENT_WITHDRAWN -> where.and(CONSENT_WITHDRAWN);
            case CONSENT_EXPIRED -> where.and(CONSENT_EXPIRED);
            case CONSENT_REFUSED -> where.and(CONSENT_REFUSED);
            case CONSENT_WAITED -> where.and(CONSENT_WAITED);
            case OPEN -> {
                where.and("r.status IN " + OPEN_STATUSES);
                if (drill.band() != null) {
                    where.and(ageCondition(drill.band()));
                    bandParams(where.params, drill.band(), now);
                }
            }
            case ASSIGNED -> {
                where.and("EXISTS (SELECT 1 FROM " + taskTable
                        + " t WHERE t.PROC_INST_ID_ = r.process_instance_id AND t.ASSIGNEE_ = :user)");
                where.params.put("user", drill.user());
            }
            case HANDLED -> {
                where.and("EXISTS (SELECT 1 FROM task_submission s WHERE s.business_key = r.id"
                        + " AND s.submitted_by = :user AND s.submitted_at >= :from AND s.submitted_at < :to)");
                where.params.put("user", drill.user());
                where.params.put("from", utc(query.start()));
                where.params.put("to", utc(query.end()));
            }
            default -> { }
        }
        if (drill.sending() != null) {
            where.and("r.sending_institution = :sending");
            where.params.put("sending", drill.sending());
        }
        if (drill.week() != null) {
            where.and("r." + timeColumn + " >= :weekFrom AND r." + timeColumn + " < :weekTo");
            where.params.put("weekFrom", utc(drill.week().atStartOfDay(hk.carerelay.shared.HongKongTime.ZONE)
                    .toInstant()));
            where.params.put("weekTo", utc(drill.week().plusWeeks(1).atStartOfDay(hk.carerelay.shared.HongKongTime.ZONE)
                    .toInstant()));
        }
        return where;
    }

    /** The time a drill-down's period and week apply to: the stage's end for turnaround, else receipt. */
    private static String timeColumn(DrillDown drill) {
        return drill.figure() == Figure.STAGE ? drill.stage().endColumn : "created_at";
    }

    long drillDownCount(DashboardQuery query, DrillDown drill, Instant now) {
        Where where = drillWhere(query, drill, now);
        return jdbc.sql("SELECT COUNT(*) FROM referral r" + where.sql).params(where.params).query(Long.class).single();
    }

    List<DrillDownRow> drillDown(DashboardQuery query, DrillDown drill, Instant now) {
        Where where = drillWhere(query, drill, now);
        where.params.put("offset", (long) drill.page() * drill.size());
        where.params.put("limit", drill.size());
        return jdbc.sql("""
                SELECT r.id, r.status, r.specialty, r.urgency, r.sending_institution, r.created_at, r.triaged_at,
                       r.scheduled_at, r.report_sent_at, r.closed_at, r.triage_breached_at, r.decline_reason_code
                FROM referral r"""
                + where.sql + " ORDER BY r." + timeColumn(drill) + " DESC, r.id OFFSET :offset ROWS FETCH NEXT :limit"
                + " ROWS ONLY").params(where.params).query(DashboardRepository::row).list();
    }

    private static DrillDownRow row(ResultSet rs, int n) throws SQLException {
        return new DrillDownRow(rs.getString("id"), ReferralStatus.valueOf(rs.getString("status")),
                rs.getString("specialty"), Urgency.valueOf(rs.getString("urgency")),
                rs.getString("sending_institution"), instant(rs, "created_at"), instant(rs, "triaged_at"),
                instant(rs, "scheduled_at"), instant(rs, "report_sent_at"), instant(rs, "closed_at"),
                instant(rs, "triage_breached_at"), rs.getString("decline_reason_code"));
    }

    private static Double hours(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).doubleValue() / 3600.0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
