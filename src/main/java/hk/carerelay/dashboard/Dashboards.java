package hk.carerelay.dashboard;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.dashboard.Dashboard.Volume;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.organisation.Directory;
import hk.carerelay.referral.DeclineReason;
import hk.carerelay.referral.Urgency;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.ValidationException;

/**
 * The managers' dashboard for their own institution as the receiving side. Every request is checked whole before
 * any query runs (a reversed or too long period, an unknown specialty, urgency or drill-down parameter is a 400
 * naming each bad field); only managers may ask; listing the referrals behind a figure is audited.
 */
@Service
public class Dashboards {

    private final DashboardRepository repository;
    private final DashboardProperties properties;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    Dashboards(DashboardRepository repository, DashboardProperties properties, Directory directory, AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** A page of the referrals behind a figure, with how many there are in all. */
    public record DrillDownPage(DrillDown drillDown, List<DrillDownRow> items, long total) {
    }

    /** The longest period one dashboard may cover. */
    public java.time.Period maxPeriod() {
        return properties.maxPeriod();
    }

    /** The most referrals one drill-down page may list. */
    public int maxPageSize() {
        return properties.maxPageSize();
    }

    /** The default period: the last weeks up to today (Hong Kong). */
    public LocalDate[] defaultPeriod() {
        LocalDate today = LocalDate.now(clock.withZone(HongKongTime.ZONE));
        return new LocalDate[] {today.minus(properties.defaultPeriod()).plusDays(1), today};
    }

    /** Checks the raw parameters (ISO dates, specialty code, urgency) and makes a query for the user's institution. */
    public DashboardQuery query(CareRelayUser user, String from, String to, String specialty, String urgency) {
        requireManager(user);
        List<FieldError> errors = new ArrayList<>();
        LocalDate[] period = defaultPeriod();
        LocalDate fromDate = blank(from) ? period[0] : date("from", from, errors);
        LocalDate toDate = blank(to) ? period[1] : date("to", to, errors);
        String specialtyCode = null;
        if (!blank(specialty)) {
            specialtyCode = specialty.strip();
            if (directory.specialty(specialtyCode).isEmpty()) {
                errors.add(new FieldError("specialty", "is not a known specialty code"));
            }
        }
        Urgency parsedUrgency = null;
        if (!blank(urgency)) {
            try {
                parsedUrgency = Urgency.valueOf(urgency.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("urgency", "must be ROUTINE or URGENT"));
            }
        }
        if (fromDate != null && toDate != null) {
            checkPeriod(fromDate, toDate, errors);
        }
        if (errors.isEmpty()) {
            return queryOf(user, fromDate, toDate, specialtyCode, parsedUrgency);
        }
        throw new ValidationException(errors);
    }

    /** The same check for values already typed (the view's date pickers and selects). */
    public DashboardQuery queryOf(CareRelayUser user, LocalDate from, LocalDate to, String specialty, Urgency urgency) {
        requireManager(user);
        List<FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new FieldError("from", "is required"));
        }
        if (to == null) {
            errors.add(new FieldError("to", "is required"));
        }
        if (from != null && to != null) {
            checkPeriod(from, to, errors);
        }
        if (specialty != null && directory.specialty(specialty).isEmpty()) {
            errors.add(new FieldError("specialty", "is not a known specialty code"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new DashboardQuery(user.institution(), from, to, specialty, urgency);
    }

    private void checkPeriod(LocalDate from, LocalDate to, List<FieldError> errors) {
        if (to.isBefore(from)) {
            errors.add(new FieldError("to", "must be on or after from (the period is reversed)"));
        } else if (to.isAfter(from.plus(properties.maxPeriod()).minusDays(1))) {
            errors.add(new FieldError("to", "the period may cover at most "
                    + java.time.temporal.ChronoUnit.DAYS.between(from, from.plus(properties.maxPeriod())) + " days"));
        }
    }

    /** Checks a drill-down's raw parameters against the figure it lists (no decline reason, no step). */
    public DrillDown drillDown(String figure, String stage, String week, String sending, String band, String user,
            String page, String size) {
        return drillDown(figure, stage, week, sending, band, user, null, null, page, size);
    }

    /**
     * Checks a drill-down's raw parameters against the figure it lists; {@code reason} is a decline reason code (or
     * NOT_RECORDED) for figure declined, {@code step} the task id of a clocked step for figure step-breached.
     */
    public DrillDown drillDown(String figure, String stage, String week, String sending, String band, String user,
            String reason, String step, String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        Figure parsedFigure = null;
        if (blank(figure)) {
            errors.add(new FieldError("figure", "is required; one of " + paths(Figure.values())));
        } else {
            parsedFigure = Figure.byPath(figure.strip()).orElse(null);
            if (parsedFigure == null) {
                errors.add(new FieldError("figure", "must be one of " + paths(Figure.values())));
            }
        }
        Stage parsedStage = null;
        if (!blank(stage)) {
            parsedStage = Arrays.stream(Stage.values()).filter(s -> s.path().equals(stage.strip())).findFirst()
                    .orElse(null);
            if (parsedStage == null) {
                errors.add(new FieldError("stage", "must be one of " + paths(Stage.values())));
            }
        } else if (parsedFigure == Figure.STAGE) {
            errors.add(new FieldError("stage", "is required for figure stage; one of " + paths(Stage.values())));
        }
        LocalDate parsedWeek = null;
        if (!blank(week)) {
            parsedWeek = date("week", week, errors);
            if (parsedWeek != null && parsedWeek.getDayOfWeek() != DayOfWeek.MONDAY) {
                errors.add(new FieldError("week", "must be the Monday that starts a week"));
            }
        }
        String parsedSending = null;
        if (!blank(sending)) {
            parsedSending = sending.strip();
            if (directory.institution(parsedSending).isEmpty()) {
                errors.add(new FieldError("sending", "is not a known institution code"));
            }
        }
        AgeBand parsedBand = null;
        if (!blank(band)) {
            parsedBand = Arrays.stream(AgeBand.values()).filter(b -> b.path().equals(band.strip())).findFirst()
                    .orElse(null);
            if (parsedBand == null) {
                errors.add(new FieldError("band", "must be one of " + paths(AgeBand.values())));
            }
        }
        String parsedUser = blank(user) ? null : user.strip();
        if ((parsedFigure == Figure.ASSIGNED || parsedFigure == Figure.HANDLED) && parsedUser == null) {
            errors.add(new FieldError("user", "is required for figure " + parsedFigure.path()));
        }
        if (parsedUser != null && parsedUser.length() > 64) {
            errors.add(new FieldError("user", "must be at most 64 characters"));
        }
        String parsedReason = blank(reason) ? null : reason.strip();
        if (parsedReason != null && !parsedReason.equals(DrillDown.NOT_RECORDED)
                && Arrays.stream(DeclineReason.values()).noneMatch(r -> r.name().equals(parsedReason))) {
            errors.add(new FieldError("reason", "must be one of " + Arrays.toString(DeclineReason.values())
                    .replace("]", ", " + DrillDown.NOT_RECORDED + "]")));
        }
        String parsedStep = blank(step) ? null : step.strip();
        if (parsedStep != null && !parsedStep.matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
            errors.add(new FieldError("step", "must be the id of a task of the referral process"));
        }
        if (parsedFigure == Figure.STEP_BREACHED && parsedStep == null) {
            errors.add(new FieldError("step", "is required for figure " + parsedFigure.path()));
        }
        int pageNumber = number("page", page, 0, errors);
        int pageSize = number("size", size, 50, errors);
        if (pageNumber < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (pageSize < 1 || pageSize > properties.maxPageSize()) {
            errors.add(new FieldError("size", "must be between 1 and " + properties.maxPageSize()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new DrillDown(parsedFigure, parsedStage, parsedWeek, parsedSending, parsedBand, parsedUser, parsedReason,
                parsedStep, pageNumber, pageSize);
    }

    /** Every figure of the dashboard, each computed by the database (about eighteen statements, whatever the size). */
    @Transactional(readOnly = true)
    public Dashboard figures(CareRelayUser user, DashboardQuery query) {
        requireManager(user);
        requireOwnInstitution(user, query);
        DashboardRepository.Summary summary = repository.summary(query);
        List<Volume> open = new ArrayList<>();
        var now = clock.instant();
        for (Map.Entry<AgeBand, Long> e : repository.openByAge(query, now).entrySet()) {
            open.add(new Volume(e.getKey().path(), e.getValue()));
        }
        return new Dashboard(query.institution(), query.from(), query.to(), query.specialty(), query.urgency(), now,
                repository.turnaround(query), repository.turnaroundByWeek(query), repository.receivedByWeek(query),
                repository.receivedBy(query, "specialty"), repository.receivedBy(query, "sending_institution"),
                repository.receivedBy(query, "urgency"), summary.outcomes(), repository.declinesByReason(query),
                repository.consents(query), List.of(summary.triageBreaches()), repository.stepBreaches(query), open,
                repository.workload(query));
    }

    /** The referrals behind one figure, a page at a time (administrative fields only); audited as a search. */
    @Transactional
    public DrillDownPage referrals(CareRelayUser user, DashboardQuery query, DrillDown drill) {
        requireManager(user);
        requireOwnInstitution(user, query);
        var now = clock.instant();
        List<DrillDownRow> rows = repository.drillDown(query, drill, now);
        long total = drill.page() == 0 && rows.size() < drill.size() ? rows.size()
                : repository.drillDownCount(query, drill, now);
        audit.record(user, AuditAction.SEARCH, "dashboard " + describe(query, drill) + " returned=" + rows.size());
        return new DrillDownPage(drill, rows, total);
    }

    /** Records that the user exported a table of the dashboard (CSV). */
    @Transactional
    public void recordExport(CareRelayUser user, String table, int rows) {
        requireManager(user);
        audit.record(user, AuditAction.EXPORT, "dashboard csv " + table + " rows=" + rows);
    }

    private static String describe(DashboardQuery query, DrillDown drill) {
        StringBuilder text = new StringBuilder("figure=").append(drill.figure().path()).append(" from=")
                .append(query.from()).append(" to=").append(query.to());
        if (query.specialty() != null) {
            text.append(" specialty=").append(query.specialty());
        }
        if (query.urgency() != null) {
            text.append(" urgency=").append(query.urgency());
        }
        if (drill.stage() != null) {
            text.append(" stage=").append(drill.stage().path());
        }
        if (drill.week() != null) {
            text.append(" week=").append(drill.week());
        }
        if (drill.sending() != null) {
            text.append(" sending=").append(drill.sending());
        }
        if (drill.band() != null) {
            text.append(" band=").append(drill.band().path());
        }
        if (drill.user() != null) {
            text.append(" user=").append(drill.user());
        }
        if (drill.reason() != null) {
            text.append(" reason=").append(drill.reason());
        }
        if (drill.step() != null) {
            text.append(" step=").append(drill.step());
        }
        return text.append(" page=").append(drill.page()).toString();
    }

    private static void requireManager(CareRelayUser user) {
        if (user == null || user.role() != Role.MANAGER) {
            throw new ForbiddenException("Only managers may read the dashboard.");
        }
    }

    private static void requireOwnInstitution(CareRelayUser user, DashboardQuery query) {
        if (!user.institution().equals(query.institution())) {
            throw new ForbiddenException("Managers read the dashboard of their own institution only.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as yyyy-mm-dd"));
            return null;
        }
    }

    private static int number(String field, String value, int otherwise, List<FieldError> errors) {
        if (blank(value)) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return otherwise;
        }
    }

    private static List<String> paths(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList();
    }
}
