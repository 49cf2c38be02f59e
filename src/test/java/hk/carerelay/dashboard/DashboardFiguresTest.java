package hk.carerelay.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.ReferralGenerator;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.referral.Urgency;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.ValidationException;

/**
 * The dashboard's figures against a hand count: a set made by the data generator with a fixed seed, then every
 * figure recounted here in Java from the plain rows (no SQL aggregate), with percentiles interpolated as
 * PERCENTILE_CONT defines them and weeks found by calendar rather than by arithmetic on seconds. Declines by reason,
 * consent (each referral's covering decisions gathered here from the consent rows) and SLA breaches by step (from the
 * sla_clock rows) are counted the same way, and each of their drill-downs lists exactly the referrals counted.
 * Runs on H2; on PostgreSQL with the datasource given as system properties (see README).
 */
@ApplicationTest
class DashboardFiguresTest {

    @Autowired
    ReferralGenerator generator;
    @Autowired
    Dashboards dashboards;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService taskService;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    private record Row(String id, ReferralStatus status, String specialty, Urgency urgency, String sending,
            Instant created, Instant triaged, Instant scheduled, Instant reportSent, Instant closed,
            Instant breached, String patient, String declineReason) {
    }

    private List<Row> rowsOf(String institution) {
        return jdbc.sql("""
                SELECT id, status, specialty, urgency, sending_institution, created_at, triaged_at, scheduled_at,
                       report_sent_at, closed_at, triage_breached_at, patient_id, decline_reason_code
                FROM referral WHERE receiving_institution = ?""")
                .param(institution)
                .query((rs, n) -> new Row(rs.getString(1), ReferralStatus.valueOf(rs.getString(2)), rs.getString(3),
                        Urgency.valueOf(rs.getString(4)), rs.getString(5), at(rs.getObject(6, OffsetDateTime.class)),
                        at(rs.getObject(7, OffsetDateTime.class)), at(rs.getObject(8, OffsetDateTime.class)),
                        at(rs.getObject(9, OffsetDateTime.class)), at(rs.getObject(10, OffsetDateTime.class)),
                        at(rs.getObject(11, OffsetDateTime.class)), rs.getString(12), rs.getString(13)))
                .list();
    }

    private record ConsentRow(String scope, String referral, String patient, String institution, String status,
            Instant recorded, Instant validFrom, Instant validUntil, Instant ended) {

        boolean grant() {
            return List.of("GRANTED", "WITHDRAWN", "EXPIRED").contains(status);
        }
    }

    private List<ConsentRow> consents() {
        return jdbc.sql("""
                SELECT scope, referral_id, patient_id, receiving_institution, status, recorded_at, valid_from,
                       valid_until, ended_at FROM consent""")
                .query((rs, n) -> new ConsentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), at(rs.getObject(6, OffsetDateTime.class)),
                        at(rs.getObject(7, OffsetDateTime.class)), at(rs.getObject(8, OffsetDateTime.class)),
                        at(rs.getObject(9, OffsetDateTime.class))))
                .list();
    }

    private record ClockRow(String process, String task, String caseId, Instant started, Instant breached) {
    }

    private List<ClockRow> clocks() {
        return jdbc.sql("SELECT process_key, task_key, case_id, started_at, breached_at FROM sla_clock")
                .query((rs, n) -> new ClockRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        at(rs.getObject(4, OffsetDateTime.class)), at(rs.getObject(5, OffsetDateTime.class))))
                .list();
    }

    /** The decisions covering a referral: its own, and standing ones for its patient and institution before it closed. */
    private static List<ConsentRow> covering(Row r, String institution, List<ConsentRow> all) {
        return all.stream().filter(k -> k.scope().equals("REFERRAL") ? r.id().equals(k.referral())
                : k.patient().equals(r.patient()) && k.institution().equals(institution)
                        && (r.closed() == null || !k.recorded().isAfter(r.closed()))).toList();
    }

    @Test
    void figuresAgreeWithAHandCountOfAGeneratedSet() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
        ReferralGenerator.Result generated = generator.generate(300, Duration.ofDays(100), 7_2026L);
        CareRelayUser manager = users.find("manager.tsang").orElseThrow();
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        // a few open tasks held by the coordinator, for the workload figure
        List<String> instances = jdbc.sql("SELECT process_instance_id FROM referral WHERE id IN (:ids)"
                + " AND receiving_institution = 'HSC' AND process_instance_id IS NOT NULL")
                .param("ids", generated.referralIds()).query(String.class).list();
        int claimed = 0;
        for (String instance : instances) {
            for (Task task : taskService.createTaskQuery().processInstanceId(instance).taskUnassigned().list()) {
                if (claimed < 5 && task.getTaskDefinitionKey().equals("Task_TriageReferral")) {
                    taskService.claim(task.getId(), coordinator.username());
                    claimed++;
                }
            }
        }
        assertThat(claimed).as("claimable triage tasks in the generated set").isPositive();

        LocalDate today = LocalDate.ofInstant(now, HongKongTime.ZONE);
        DashboardQuery all = dashboards.query(manager, today.minusDays(100).toString(), today.toString(), null, null);
        List<Row> rows = rowsOf("HSC");
        List<ConsentRow> consents = consents();
        List<ClockRow> clocks = clocks();
        check(dashboards.figures(manager, all), all, rows, now);
        checkNewFigures(manager, dashboards.figures(manager, all), all, rows, consents, clocks, true);
        DashboardQuery narrow = dashboards.query(manager, today.minusDays(60).toString(), today.minusDays(10)
                .toString(), "CARDIOLOGY", "URGENT");
        check(dashboards.figures(manager, narrow), narrow, rows, now);
        checkNewFigures(manager, dashboards.figures(manager, narrow), narrow, rows, consents, clocks, false);

        // the generated referrals the hospital received are all behind the "received" figure
        Set<String> generatedHere = new HashSet<>(jdbc.sql("SELECT id FROM referral WHERE id IN (:ids)"
                + " AND receiving_institution = 'HSC'").param("ids", generated.referralIds()).query(String.class)
                .list());
        assertThat(generatedHere).hasSizeGreaterThan(50);
        Set<String> listed = new HashSet<>();
        for (int page = 0;; page++) {
            Dashboards.DrillDownPage p = dashboards.referrals(manager, all, DrillDown.of(Figure.RECEIVED)
                    .page(page, 200));
            p.items().forEach(r -> listed.add(r.referralId()));
            if (p.items().size() < 200) {
                assertThat(p.total()).isEqualTo(dashboards.figures(manager, all).outcomes().received());
                break;
            }
        }
        assertThat(listed).containsAll(generatedHere);

        // the coordinator's open assigned referrals, drilled down, are those whose tasks were claimed
        Dashboard.Workload load = dashboards.figures(manager, all).workload().stream()
                .filter(w -> w.username().equals("coord.wong")).findFirst().orElseThrow();
        Set<String> assigned = new HashSet<>(jdbc.sql("SELECT DISTINCT r.id FROM referral r JOIN ACT_RU_TASK t ON"
                + " t.PROC_INST_ID_ = r.process_instance_id WHERE t.ASSIGNEE_ = 'coord.wong'"
                + " AND r.receiving_institution = 'HSC'").query(String.class).list());
        assertThat(load.openAssigned()).isEqualTo(assigned.size()).isGreaterThanOrEqualTo(claimed);
        assertThat(dashboards.referrals(manager, all, DrillDown.of(Figure.ASSIGNED).user("coord.wong")
                .page(0, 200)).items()).extracting(DrillDownRow::referralId).containsExactlyInAnyOrderElementsOf(assigned);
    }

    private static void check(Dashboard d, DashboardQuery q, List<Row> all, Instant now) {
        Instant start = q.start();
        Instant end = q.end();
        Predicate<Row> filters = r -> (q.specialty() == null || q.specialty().equals(r.specialty()))
                && (q.urgency() == null || q.urgency() == r.urgency());
        List<Row> received = all.stream().filter(filters).filter(r -> in(r.created(), start, end)).toList();

        // volumes
        assertThat(d.outcomes().received()).isEqualTo(received.size());
        assertThat(volumes(d.receivedBySpecialty())).isEqualTo(count(received, Row::specialty));
        assertThat(volumes(d.receivedBySendingInstitution())).isEqualTo(count(received, Row::sending));
        assertThat(volumes(d.receivedByUrgency())).isEqualTo(count(received, r -> r.urgency().name()));
        LocalDate firstMonday = q.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        assertThat(firstMonday).isEqualTo(q.firstWeek());
        assertThat(volumes(d.receivedByWeek())).isEqualTo(count(received, r -> monday(r.created()).toString()));

        // outcomes: accepted counted the other way round from the SQL (by the statuses an accepted one can reach)
        Set<ReferralStatus> afterAcceptance = EnumSet.of(ReferralStatus.ACCEPTED, ReferralStatus.SCHEDULED,
                ReferralStatus.REPORT_SENT, ReferralStatus.CANCELLATION_REQUESTED, ReferralStatus.CANCELLED);
        long triaged = received.stream().filter(r -> r.triaged() != null).count();
        long accepted = received.stream().filter(r -> r.triaged() != null && (afterAcceptance.contains(r.status())
                || r.status() == ReferralStatus.COMPLETED && r.reportSent() != null)).count();
        long declined = received.stream().filter(r -> r.status() == ReferralStatus.DECLINED).count();
        long advice = received.stream().filter(r -> r.status() == ReferralStatus.COMPLETED && r.scheduled() == null)
                .count();
        long cancelled = received.stream().filter(r -> r.status() == ReferralStatus.CANCELLED).count();
        Dashboard.Outcomes o = d.outcomes();
        assertThat(List.of(o.triaged(), o.accepted(), o.declined(), o.advice(), o.cancelled()))
                .containsExactly(triaged, accepted, declined, advice, cancelled);
        assertThat(accepted + declined + advice).isEqualTo(triaged);
        if (triaged > 0) {
            assertThat(o.acceptanceRate()).isCloseTo((double) accepted / triaged, within(1e-9));
        }
        long breached = received.stream().filter(r -> r.breached() != null).count();
        assertThat(d.breaches()).singleElement().satisfies(b -> {
            assertThat(b.measured()).isEqualTo(received.size());
            assertThat(b.breached()).isEqualTo(breached);
        });
        if (q.specialty() == null) {
            assertThat(declined).as("the generated set has declines").isPositive();
            assertThat(breached).as("the generated set has SLA breaches").isPositive();
        }

        // turnaround: durations of the stages that ended in the period
        for (Stage stage : Stage.values()) {
            List<double[]> ended = all.stream().filter(filters).map(r -> stageSpan(stage, r))
                    .filter(s -> s != null && s[1] >= start.getEpochSecond() && s[1] < end.getEpochSecond()).toList();
            Dashboard.Turnaround t = d.turnaround().stream().filter(x -> x.stage() == stage).findFirst().orElseThrow();
            List<Double> hours = ended.stream().map(s -> (s[1] - s[0]) / 3600.0).sorted().toList();
            assertThat(t.count()).as(stage + " count").isEqualTo(hours.size());
            assertPercentiles(stage.name(), hours, t.medianHours(), t.p90Hours(), t.p95Hours());
            if (q.specialty() == null) {
                assertThat(hours).as(stage + " in the generated set").isNotEmpty();
            }
            Map<LocalDate, List<Double>> byWeek = new TreeMap<>(ended.stream().collect(Collectors.groupingBy(
                    s -> monday(Instant.ofEpochSecond((long) s[1])), Collectors.mapping(s -> (s[1] - s[0]) / 3600.0,
                            Collectors.toList()))));
            List<Dashboard.WeeklyTurnaround> weeks = d.turnaroundByWeek().stream().filter(w -> w.stage() == stage)
                    .toList();
            assertThat(weeks).extracting(Dashboard.WeeklyTurnaround::week).containsExactlyElementsOf(byWeek.keySet());
            for (Dashboard.WeeklyTurnaround w : weeks) {
                List<Double> values = byWeek.get(w.week()).stream().sorted().toList();
                assertThat(w.count()).isEqualTo(values.size());
                assertPercentiles(stage + " " + w.week(), values, w.medianHours(), w.p90Hours(), w.p95Hours());
            }
        }

        // open referrals now, whenever received, by age
        List<Row> open = all.stream().filter(filters).filter(r -> !r.status().isTerminal()).toList();
        for (AgeBand band : AgeBand.values()) {
            long expected = open.stream().filter(r -> {
                Duration age = Duration.between(r.created(), now);
                return age.compareTo(band.from) >= 0 && (band.to == null || age.compareTo(band.to) < 0);
            }).count();
            assertThat(d.openByAge()).filteredOn(v -> v.key().equals(band.path())).singleElement()
                    .extracting(Dashboard.Volume::count).as(band.path()).isEqualTo(expected);
        }
    }

    /**
     * Declines by reason, consent and SLA breaches by step, recounted from the rows; each drill-down lists exactly the
     * referrals counted. {@code generatedSet} also asserts that the generator made every kind of case.
     */
    private void checkNewFigures(CareRelayUser manager, Dashboard d, DashboardQuery q, List<Row> all,
            List<ConsentRow> consents, List<ClockRow> clocks, boolean generatedSet) {
        Predicate<Row> filters = r -> (q.specialty() == null || q.specialty().equals(r.specialty()))
                && (q.urgency() == null || q.urgency() == r.urgency());
        List<Row> received = all.stream().filter(filters).filter(r -> in(r.created(), q.start(), q.end())).toList();

        // declines by coded reason
        Map<String, List<String>> declined = received.stream().filter(r -> r.status() == ReferralStatus.DECLINED)
                .collect(Collectors.groupingBy(r -> r.declineReason() == null ? DrillDown.NOT_RECORDED
                        : r.declineReason(), Collectors.mapping(Row::id, Collectors.toList())));
        assertThat(volumes(d.declinesByReason())).isEqualTo(declined.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size())));
        assertThat(d.declinesByReason().stream().mapToLong(Dashboard.Volume::count).sum())
                .isEqualTo(d.outcomes().declined());
        declined.forEach((reason, ids) -> assertThat(listed(manager, q, DrillDown.of(Figure.DECLINED).reason(reason)))
                .as("declined " + reason).containsExactlyInAnyOrderElementsOf(ids));
        if (generatedSet) {
            assertThat(declined.keySet()).as("several coded reasons").hasSizeGreaterThan(1)
                    .doesNotContain(DrillDown.NOT_RECORDED);
        }

        // consent: each referral once, by the decisions covering it
        Map<Figure, List<String>> byFigure = new java.util.EnumMap<>(Figure.class);
        List<Double> waits = new ArrayList<>();
        for (Row r : received) {
            List<ConsentRow> cover = covering(r, "HSC", consents);
            boolean granted = cover.stream().anyMatch(ConsentRow::grant);
            boolean inForce = cover.stream().anyMatch(k -> k.status().equals("GRANTED"));
            boolean withdrawn = cover.stream().anyMatch(k -> k.status().equals("WITHDRAWN"));
            boolean expired = cover.stream().anyMatch(k -> k.status().equals("EXPIRED"));
            List<Figure> figures = new ArrayList<>();
            if (!cover.isEmpty()) {
                figures.add(Figure.CONSENT_DECIDED);
                figures.add(granted ? Figure.CONSENT_GRANTED : Figure.CONSENT_REFUSED);
            }
            if (inForce) {
                figures.add(Figure.CONSENT_IN_FORCE);
            } else if (granted && withdrawn) {
                figures.add(Figure.CONSENT_WITHDRAWN);
            } else if (granted && expired) {
                figures.add(Figure.CONSENT_EXPIRED);
            }
            boolean coveredWhenSent = cover.stream().anyMatch(k -> k.grant() && k.recorded().isBefore(r.created())
                    && !k.validFrom().isAfter(r.created()) && k.validUntil().isAfter(r.created())
                    && (k.ended() == null || k.ended().isAfter(r.created())));
            Instant firstGrant = cover.stream().filter(k -> k.grant() && !k.recorded().isBefore(r.created()))
                    .map(ConsentRow::recorded).min(Instant::compareTo).orElse(null);
            if (!coveredWhenSent && firstGrant != null) {
                figures.add(Figure.CONSENT_WAITED);
                waits.add((seconds(firstGrant) - seconds(r.created())) / 3600.0);
            }
            figures.forEach(f -> byFigure.computeIfAbsent(f, k -> new ArrayList<>()).add(r.id()));
        }
        Dashboard.Consents c = d.consents();
        java.util.function.ToLongFunction<Figure> n = f -> byFigure.getOrDefault(f, List.of()).size();
        assertThat(c.received()).isEqualTo(received.size());
        assertThat(List.of(c.decided(), c.granted(), c.inForce(), c.withdrawn(), c.expired(), c.refused(), c.waited()))
                .containsExactly(n.applyAsLong(Figure.CONSENT_DECIDED), n.applyAsLong(Figure.CONSENT_GRANTED),
                        n.applyAsLong(Figure.CONSENT_IN_FORCE), n.applyAsLong(Figure.CONSENT_WITHDRAWN),
                        n.applyAsLong(Figure.CONSENT_EXPIRED), n.applyAsLong(Figure.CONSENT_REFUSED),
                        (long) waits.size());
        assertThat(c.inForce() + c.withdrawn() + c.expired()).isEqualTo(c.granted());
        assertThat(c.granted() + c.refused()).isEqualTo(c.decided());
        if (c.decided() > 0) {
            assertThat(c.grantRate()).isCloseTo((double) c.granted() / c.decided(), within(1e-9));
        }
        assertPercentiles("time to consent", waits.stream().sorted().toList(), c.medianHours(), c.p90Hours(),
                c.p95Hours());
        for (Figure f : List.of(Figure.CONSENT_DECIDED, Figure.CONSENT_GRANTED, Figure.CONSENT_IN_FORCE,
                Figure.CONSENT_WITHDRAWN, Figure.CONSENT_EXPIRED, Figure.CONSENT_REFUSED, Figure.CONSENT_WAITED)) {
            assertThat(listed(manager, q, DrillDown.of(f))).as(f.path())
                    .containsExactlyInAnyOrderElementsOf(byFigure.getOrDefault(f, List.of()));
        }
        if (generatedSet) {
            assertThat(List.of(c.inForce(), c.withdrawn(), c.expired(), c.refused(), c.waited()))
                    .as("grants in force, withdrawn, expired, refusals and waits in the generated set")
                    .allMatch(v -> v > 0);
            assertThat(c.decided()).as("some referrals still wait for a decision").isLessThan(c.received());
            assertThat(c.medianHours()).as("a realistic time to consent").isBetween(2.0, 24.0 * 7);
        }

        // SLA breaches of the referral process's clocked steps (triage has its own row), by clock start
        Set<String> ofInstitution = all.stream().filter(filters).map(Row::id).collect(Collectors.toSet());
        Map<String, List<ClockRow>> steps = new TreeMap<>(clocks.stream().filter(k -> k.process().equals("referral")
                && !k.task().equals("Task_TriageReferral") && ofInstitution.contains(k.caseId())
                && in(k.started(), q.start(), q.end())).collect(Collectors.groupingBy(ClockRow::task)));
        assertThat(d.stepBreaches()).extracting(Dashboard.StepBreach::step).containsExactlyElementsOf(steps.keySet());
        for (Dashboard.StepBreach b : d.stepBreaches()) {
            List<ClockRow> started = steps.get(b.step());
            List<String> breachedIds = started.stream().filter(k -> k.breached() != null).map(ClockRow::caseId)
                    .distinct().toList();
            assertThat(b.measured()).as(b.step()).isEqualTo(started.size());
            assertThat(b.breached()).as(b.step()).isEqualTo(started.stream().filter(k -> k.breached() != null).count());
            assertThat(listed(manager, q, DrillDown.of(Figure.STEP_BREACHED).step(b.step()))).as(b.step())
                    .containsExactlyInAnyOrderElementsOf(breachedIds);
        }
        if (generatedSet) {
            assertThat(d.stepBreaches().stream().filter(b -> b.breached() > 0).count())
                    .as("breaches at several steps").isGreaterThan(1);
        }
    }

    /** Every referral a drill-down lists, page by page. */
    private List<String> listed(CareRelayUser manager, DashboardQuery q, DrillDown drill) {
        List<String> ids = new ArrayList<>();
        for (int page = 0;; page++) {
            Dashboards.DrillDownPage p = dashboards.referrals(manager, q, drill.page(page, 200));
            p.items().forEach(r -> ids.add(r.referralId()));
            if (p.items().size() < 200) {
                assertThat(p.total()).isEqualTo(ids.size());
                return ids;
            }
        }
    }

    /** Start and end (epoch seconds, with fractions) of a stage the referral passed, or null. */
    private static double[] stageSpan(Stage stage, Row r) {
        Instant from = switch (stage) {
            case TRIAGE, WHOLE_LOOP -> r.created();
            case SCHEDULING -> r.triaged();
            case CONSULTATION -> r.scheduled();
        };
        Instant to = switch (stage) {
            case TRIAGE -> r.triaged();
            case SCHEDULING -> r.scheduled();
            case CONSULTATION -> r.reportSent();
            case WHOLE_LOOP -> r.status() == ReferralStatus.COMPLETED ? r.closed() : null;
        };
        return from == null || to == null ? null : new double[] {seconds(from), seconds(to)};
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static void assertPercentiles(String what, List<Double> sorted, Double p50, Double p90, Double p95) {
        if (sorted.isEmpty()) {
            assertThat(p50).as(what).isNull();
            return;
        }
        assertThat(p50).as(what + " median").isCloseTo(percentile(sorted, 0.5), within(1e-4));
        assertThat(p90).as(what + " p90").isCloseTo(percentile(sorted, 0.9), within(1e-4));
        assertThat(p95).as(what + " p95").isCloseTo(percentile(sorted, 0.95), within(1e-4));
    }

    /** Linear interpolation between the closest ranks, as PERCENTILE_CONT defines it. */
    private static double percentile(List<Double> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted.get(lower) + (rank - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    private static LocalDate monday(Instant instant) {
        return LocalDate.ofInstant(instant, HongKongTime.ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static boolean in(Instant t, Instant start, Instant end) {
        return t != null && !t.isBefore(start) && t.isBefore(end);
    }

    private static Map<String, Long> volumes(List<Dashboard.Volume> volumes) {
        return volumes.stream().collect(Collectors.toMap(Dashboard.Volume::key, Dashboard.Volume::count));
    }

    private static Map<String, Long> count(List<Row> rows, java.util.function.Function<Row, String> key) {
        return rows.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static Instant at(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    // ---- bad input: a clear message naming each field, and no figures ----

    @Test
    void badPeriodsAndUnknownFiltersAreRefusedWithEveryFieldNamed() {
        CareRelayUser manager = users.find("manager.tsang").orElseThrow();
        assertThat(fields(() -> dashboards.query(manager, "2026-03-01", "2026-02-01", null, null)))
                .containsExactly("to");
        assertThat(message(() -> dashboards.query(manager, "2026-03-01", "2026-02-01", null, null)))
                .contains("reversed");
        assertThat(message(() -> dashboards.query(manager, "2024-01-01", "2026-01-01", null, null)))
                .contains("at most 366 days");
        assertThat(fields(() -> dashboards.query(manager, "1 March", "2026-13-01", "PLUMBING", "SOON")))
                .containsExactly("from", "to", "specialty", "urgency");
        // a reversed period is named beside the unknown filters, not only once they are mended
        assertThat(fields(() -> dashboards.query(manager, "2026-03-01", "2026-02-01", "PLUMBING", "SOON")))
                .containsExactly("specialty", "urgency", "to");
        // the role is checked before the parameters: a non-manager learns nothing from a 400
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        assertThatThrownBy(() -> dashboards.query(gp, "yesterday", null, "PLUMBING", null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(fields(() -> dashboards.drillDown("everything", null, "2026-03-04", "NOWHERE", "ancient", null,
                "x", "100000"))).containsExactly("figure", "week", "sending", "band", "page", "size");
        assertThat(fields(() -> dashboards.drillDown("stage", null, null, null, null, null, null, null)))
                .containsExactly("stage");
        assertThat(fields(() -> dashboards.drillDown("assigned", null, null, null, null, null, null, null)))
                .containsExactly("user");
        // a full year is allowed
        assertThat(dashboards.query(manager, "2025-01-01", "2025-12-31", "CARDIOLOGY", "URGENT").urgency())
                .isEqualTo(Urgency.URGENT);
    }

    @Test
    void onlyManagersReadTheDashboardAndOnlyOfTheirInstitution() {
        CareRelayUser manager = users.find("manager.tsang").orElseThrow();
        DashboardQuery query = dashboards.query(manager, null, null, null, null);
        for (String other : List.of("coord.wong", "dr.lee", "auditor.yip", "sysadmin", "gp.chan")) {
            CareRelayUser user = users.find(other).orElseThrow();
            assertThatThrownBy(() -> dashboards.figures(user, query)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> dashboards.query(user, null, null, null, null))
                    .isInstanceOf(ForbiddenException.class);
        }
        DashboardQuery elsewhere = new DashboardQuery("LRH", query.from(), query.to(), null, null);
        assertThatThrownBy(() -> dashboards.figures(manager, elsewhere)).isInstanceOf(ForbiddenException.class);
    }

    private static List<String> fields(Runnable call) {
        List<String> fields = new ArrayList<>();
        try {
            call.run();
        } catch (ValidationException e) {
            e.errors().stream().map(FieldError::field).forEach(fields::add);
        }
        return fields;
    }

    private static String message(Runnable call) {
        try {
            call.run();
            return "";
        } catch (ValidationException e) {
            return e.getMessage();
        }
    }
}
