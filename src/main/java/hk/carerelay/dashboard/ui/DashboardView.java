package hk.carerelay.dashboard.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.dom.DomEventListener;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;

import hk.carerelay.dashboard.AgeBand;
import hk.carerelay.dashboard.Dashboard;
import hk.carerelay.dashboard.DashboardQuery;
import hk.carerelay.dashboard.Dashboards;
import hk.carerelay.dashboard.DrillDown;
import hk.carerelay.dashboard.DrillDownRow;
import hk.carerelay.dashboard.Figure;
import hk.carerelay.dashboard.Stage;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.referral.Urgency;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.DateFields;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * The manager's dashboard for their institution: a period and filters, then charts drawn on the server (SVG) each
 * beside the table of its figures. Clicking a row lists the referrals behind it (administrative fields only); every
 * table, the list included, downloads as CSV.
 */
@Route("dashboard")
@Menu(order = 1, title = "nav.dashboard", icon = "vaadin:chart")
@RolesAllowed("MANAGER")
public class DashboardView extends VerticalLayout implements HasDynamicTitle {

    /** How many referrals a drill-down CSV holds at most (pages of the largest size, read in turn). */
    static final int MAX_EXPORT_ROWS = 10_000;

    /** Tables with more rows than this scroll in a fixed height. */
    private static final int ALL_ROWS_VISIBLE_UP_TO = 15;
    /** The figures tables' look, close to a compact striped grid's (the view's own rules; CSP allows inline styles). */
    private static final String FIGURE_TABLE_STYLE = """
            .dashboard-figures { border-collapse: collapse; min-width: 34em; font-size: var(--lumo-font-size-s); }
            .dashboard-figures td { white-space: nowrap; }
            .dashboard-figures th { text-align: left; font-weight: 600; color: var(--lumo-secondary-text-color); }
            .dashboard-figures-box-scrolling th { position: sticky; top: 0; background: var(--lumo-base-color); }
            .dashboard-figures th, .dashboard-figures td { padding: 0.35em 0.6em;
                border-bottom: 1px solid var(--lumo-contrast-10pct); }
            .dashboard-figures tbody tr:nth-child(even) { background: var(--lumo-contrast-5pct); }
            .dashboard-drillable { cursor: pointer; }
            .dashboard-drillable:hover, .dashboard-drillable:focus { background: var(--lumo-primary-color-10pct); }
            .dashboard-figures-box { border: 1px solid var(--lumo-contrast-10pct); align-self: flex-start; }
            .dashboard-figures-box-scrolling { border: 1px solid var(--lumo-contrast-10pct); align-self: flex-start;
                max-height: 22em; overflow: auto; }
            """;

    private final Dashboards dashboards;
    private final Directory directory;
    private final CareRelayUser user;

    private final DatePicker from = DateFields.date();
    private final DatePicker to = DateFields.date();
    private final Select<String> specialty = new Select<>();
    private final Select<Urgency> urgency = new Select<>();
    private final Div figures = new Div();
    private final Span summary = new Span();

    /** The tables shown, by id, for the CSV downloads. */
    private final Map<String, Table> tables = new LinkedHashMap<>();

    private final H3 drillTitle = new H3();
    private final Grid<DrillDownRow> drillGrid = new Grid<>();
    private final Span drillPage = new Span();
    private final Button drillPrevious = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button drillNext = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Div drillDownloads = new Div();
    private final VerticalLayout drillSection = new VerticalLayout();
    private DashboardQuery drillQuery;
    private DrillDown drill;
    private long drillTotal;

    /** One row of a figures table: its cells, and the referrals behind it (and behind its last cell, if other). */
    record Row(List<String> cells, DashboardQuery query, DrillDown drill, DrillDown lastCellDrill) {
    }

    /** A table of figures: its column headers and rows, as shown and as exported. */
    record Table(String id, List<String> headers, List<Row> rows) {
    }

    public DashboardView(Dashboards dashboards, Directory directory) {
        this.dashboards = dashboards;
        this.directory = directory;
        this.user = CurrentUser.require();
        setWidthFull();

        LocalDate[] period = dashboards.defaultPeriod();
        from.setId("dashboard-from");
        from.setLabel(getTranslation("dashboard.from"));
        from.setValue(period[0]);
        to.setId("dashboard-to");
        to.setLabel(getTranslation("dashboard.to"));
        to.setValue(period[1]);
        specialty.setId("dashboard-specialty");
        specialty.setLabel(getTranslation("tasks.filter.specialty"));
        specialty.setItems(directory.specialties().stream().map(Specialty::code).toList());
        specialty.setItemLabelGenerator(code -> code == null ? getTranslation("tasks.filter.any") : specialtyName(code));
        specialty.setEmptySelectionAllowed(true);
        specialty.setEmptySelectionCaption(getTranslation("tasks.filter.any"));
        urgency.setId("dashboard-urgency");
        urgency.setLabel(getTranslation("tasks.filter.urgency"));
        urgency.setItems(Urgency.values());
        urgency.setItemLabelGenerator(u -> u == null ? getTranslation("tasks.filter.any") : getTranslation("urgency." + u));
        urgency.setEmptySelectionAllowed(true);
        urgency.setEmptySelectionCaption(getTranslation("tasks.filter.any"));
        Button show = new Button(getTranslation("dashboard.show"), e -> refresh());
        show.setId("dashboard-show");
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(from, to, specialty, urgency, show);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        summary.setId("dashboard-summary");

        drillGrid.setId("dashboard-drilldown");
        drillGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        drillGrid.setAllRowsVisible(true);
        for (int i = 0; i < DRILL_HEADERS.size(); i++) {
            int column = i;
            drillGrid.addColumn(r -> drillCells(r).get(column)).setHeader(getTranslation(DRILL_HEADERS.get(i)))
                    .setAutoWidth(true);
        }
        drillPrevious.setId("dashboard-drilldown-previous");
        drillNext.setId("dashboard-drilldown-next");
        drillPrevious.getElement().setAttribute("aria-label", getTranslation("worklists.previous"));
        drillNext.getElement().setAttribute("aria-label", getTranslation("worklists.next"));
        drillPrevious.addClickListener(e -> showDrill(drillQuery, drill.page(drill.page() - 1, drill.size())));
        drillNext.addClickListener(e -> showDrill(drillQuery, drill.page(drill.page() + 1, drill.size())));
        drillPage.setId("dashboard-drilldown-page");
        HorizontalLayout pager = new HorizontalLayout(drillPrevious, drillPage, drillNext, drillDownloads);
        pager.setAlignItems(FlexComponent.Alignment.CENTER);
        drillTitle.setId("dashboard-drilldown-title");
        drillSection.setPadding(false);
        drillSection.add(drillTitle, pager, drillGrid);
        drillSection.setVisible(false);

        add(new H2(getTranslation("dashboard.title")), filters, summary, drillSection, figures);
        Element style = new Element("style");
        style.setText(FIGURE_TABLE_STYLE);
        getElement().appendChild(style);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("dashboard.title") + " · CareRelay";
    }

    private void refresh() {
        DashboardQuery query;
        try {
            query = dashboards.queryOf(user, from.getValue(), to.getValue(), specialty.getValue(), urgency.getValue());
        } catch (ValidationException e) {
            Notices.error(getTranslation("dashboard.badInput", readable(e)));
            return;
        }
        Dashboard d = dashboards.figures(user, query);
        tables.clear();
        figures.removeAll();
        drillSection.setVisible(false);
        summary.setText(getTranslation("dashboard.summary", institutionName(d.institution()), d.from(), d.to(),
                d.outcomes().received()));

        // turnaround
        Map<String, Map<String, ? extends Number>> stageSeries = new LinkedHashMap<>();
        stageSeries.put(getTranslation("dashboard.median"), values(d.turnaround(), t -> stageName(t.stage()),
                Dashboard.Turnaround::medianHours));
        stageSeries.put("p90", values(d.turnaround(), t -> stageName(t.stage()), Dashboard.Turnaround::p90Hours));
        stageSeries.put("p95", values(d.turnaround(), t -> stageName(t.stage()), Dashboard.Turnaround::p95Hours));
        Table turnaround = table("turnaround", List.of("dashboard.stage", "dashboard.count", "dashboard.median",
                "dashboard.p90", "dashboard.p95"), d.turnaround().stream().map(t -> new Row(List.of(
                        stageName(t.stage()), Long.toString(t.count()), hours(t.medianHours()), hours(t.p90Hours()),
                        hours(t.p95Hours())), query, DrillDown.of(Figure.STAGE).stage(t.stage()), null)).toList());
        section("turnaround", DashboardCharts.bars(getTranslation("dashboard.turnaround"),
                getTranslation("dashboard.hours"), stageSeries), turnaround);

        Map<String, Map<String, ? extends Number>> trend = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            trend.put(stageName(stage), values(d.turnaroundByWeek().stream().filter(w -> w.stage() == stage).toList(),
                    w -> w.week().toString(), Dashboard.WeeklyTurnaround::medianHours));
        }
        Table weekly = table("turnaround-by-week", List.of("dashboard.stage", "dashboard.week", "dashboard.count",
                "dashboard.median", "dashboard.p90", "dashboard.p95"), d.turnaroundByWeek().stream()
                        .map(w -> new Row(List.of(stageName(w.stage()), w.week().toString(), Long.toString(w.count()),
                                hours(w.medianHours()), hours(w.p90Hours()), hours(w.p95Hours())), query,
                                DrillDown.of(Figure.STAGE).stage(w.stage()).week(w.week()), null)).toList());
        section("turnaround-by-week", DashboardCharts.lines(getTranslation("dashboard.turnaroundByWeek"),
                getTranslation("dashboard.hours"), trend), weekly);

        // volumes
        section("received-by-week", DashboardCharts.bars(getTranslation("dashboard.receivedByWeek"),
                getTranslation("dashboard.referrals"), DashboardCharts.one(getTranslation("dashboard.referrals"),
                        d.receivedByWeek(), Dashboard.Volume::key, Dashboard.Volume::count)),
                table("received-by-week", List.of("dashboard.week", "dashboard.count"), d.receivedByWeek().stream()
                        .map(v -> new Row(List.of(v.key(), Long.toString(v.count())), query,
                                DrillDown.of(Figure.RECEIVED).week(LocalDate.parse(v.key())), null)).toList()));
        section("received-by-specialty", DashboardCharts.bars(getTranslation("dashboard.receivedBySpecialty"),
                getTranslation("dashboard.referrals"), DashboardCharts.one(getTranslation("dashboard.referrals"),
                        d.receivedBySpecialty(), v -> specialtyName(v.key()), Dashboard.Volume::count)),
                table("received-by-specialty", List.of("tasks.specialty", "dashboard.count"),
                        d.receivedBySpecialty().stream().map(v -> new Row(List.of(specialtyName(v.key()),
                                Long.toString(v.count())), new DashboardQuery(query.institution(), query.from(),
                                        query.to(), v.key(), query.urgency()), DrillDown.of(Figure.RECEIVED), null))
                                .toList()));
        section("received-by-sender", DashboardCharts.bars(getTranslation("dashboard.receivedBySender"),
                getTranslation("dashboard.referrals"), DashboardCharts.one(getTranslation("dashboard.referrals"),
                        d.receivedBySendingInstitution(), Dashboard.Volume::key, Dashboard.Volume::count)),
                table("received-by-sender", List.of("referrals.from", "dashboard.count"),
                        d.receivedBySendingInstitution().stream().map(v -> new Row(List.of(v.key(),
                                Long.toString(v.count())), query, DrillDown.of(Figure.RECEIVED).sending(v.key()), null))
                                .toList()));
        section("received-by-urgency", null, table("received-by-urgency", List.of("tasks.urgency", "dashboard.count"),
                d.receivedByUrgency().stream().map(v -> new Row(List.of(getTranslation("urgency." + v.key()),
                        Long.toString(v.count())), new DashboardQuery(query.institution(), query.from(), query.to(),
                                query.specialty(), Urgency.valueOf(v.key())), DrillDown.of(Figure.RECEIVED), null))
                        .toList()));

        // outcomes and breaches
        Dashboard.Outcomes o = d.outcomes();
        List<Row> outcomeRows = new ArrayList<>();
        outcomeRows.add(new Row(List.of(getTranslation("dashboard.outcome.received"), Long.toString(o.received()), ""),
                query, DrillDown.of(Figure.RECEIVED), null));
        outcomeRows.add(new Row(List.of(getTranslation("dashboard.outcome.accepted"), Long.toString(o.accepted()),
                percent(o.acceptanceRate())), query, DrillDown.of(Figure.ACCEPTED), null));
        outcomeRows.add(new Row(List.of(getTranslation("dashboard.outcome.declined"), Long.toString(o.declined()),
                percent(o.declineRate())), query, DrillDown.of(Figure.DECLINED), null));
        outcomeRows.add(new Row(List.of(getTranslation("dashboard.outcome.advice"), Long.toString(o.advice()),
                percent(o.adviceRate())), query, DrillDown.of(Figure.ADVICE), null));
        outcomeRows.add(new Row(List.of(getTranslation("dashboard.outcome.cancelled"), Long.toString(o.cancelled()),
                percent(o.cancellationRate())), query, DrillDown.of(Figure.CANCELLED), null));
        Map<String, Number> rates = new LinkedHashMap<>();
        rates.put(getTranslation("dashboard.outcome.accepted"), pct(o.acceptanceRate()));
        rates.put(getTranslation("dashboard.outcome.declined"), pct(o.declineRate()));
        rates.put(getTranslation("dashboard.outcome.advice"), pct(o.adviceRate()));
        rates.put(getTranslation("dashboard.outcome.cancelled"), pct(o.cancellationRate()));
        section("outcomes", DashboardCharts.bars(getTranslation("dashboard.outcomes"), "%",
                Map.of(getTranslation("dashboard.rate"), rates)), table("outcomes", List.of("dashboard.outcome",
                        "dashboard.count", "dashboard.rate"), outcomeRows));
        Map<String, Number> reasons = new LinkedHashMap<>();
        d.declinesByReason().forEach(v -> reasons.put(reasonName(v.key()), v.count()));
        section("declines-by-reason", DashboardCharts.bars(getTranslation("dashboard.declinesByReason"),
                getTranslation("dashboard.referrals"), Map.of(getTranslation("dashboard.referrals"), reasons)),
                table("declines-by-reason", List.of("dashboard.reason", "dashboard.count", "dashboard.share"),
                        d.declinesByReason().stream().map(v -> new Row(List.of(reasonName(v.key()),
                                Long.toString(v.count()), percent(o.declined() == 0 ? null
                                        : (double) v.count() / o.declined())), query,
                                DrillDown.of(Figure.DECLINED).reason(v.key()), null)).toList()));

        // consent to share
        Dashboard.Consents c = d.consents();
        List<Row> consentRows = new ArrayList<>();
        consentRows.add(consentRow("decided", c.decided(), rate(c.decided(), c.received()), query,
                Figure.CONSENT_DECIDED));
        consentRows.add(consentRow("granted", c.granted(), percent(c.grantRate()), query, Figure.CONSENT_GRANTED));
        consentRows.add(consentRow("inForce", c.inForce(), rate(c.inForce(), c.decided()), query,
                Figure.CONSENT_IN_FORCE));
        consentRows.add(consentRow("withdrawn", c.withdrawn(), rate(c.withdrawn(), c.decided()), query,
                Figure.CONSENT_WITHDRAWN));
        consentRows.add(consentRow("expired", c.expired(), rate(c.expired(), c.decided()), query,
                Figure.CONSENT_EXPIRED));
        consentRows.add(consentRow("refused", c.refused(), rate(c.refused(), c.decided()), query,
                Figure.CONSENT_REFUSED));
        Map<String, Number> decisions = new LinkedHashMap<>();
        for (Row row : consentRows.subList(2, consentRows.size())) {
            decisions.put(row.cells().get(0), Long.parseLong(row.cells().get(1)));
        }
        section("consent", DashboardCharts.bars(getTranslation("dashboard.consentDecisions"),
                getTranslation("dashboard.referrals"), Map.of(getTranslation("dashboard.referrals"), decisions)),
                table("consent", List.of("dashboard.consent", "dashboard.count", "dashboard.rate"), consentRows));
        Map<String, Number> wait = new LinkedHashMap<>();
        wait.put(getTranslation("dashboard.median"), c.medianHours());
        wait.put("p90", c.p90Hours());
        wait.put("p95", c.p95Hours());
        section("time-to-consent", DashboardCharts.bars(getTranslation("dashboard.timeToConsent"),
                getTranslation("dashboard.hours"), Map.of(getTranslation("dashboard.hours"), wait)),
                table("time-to-consent", List.of("dashboard.consentWaited", "dashboard.median", "dashboard.p90",
                        "dashboard.p95"), List.of(new Row(List.of(Long.toString(c.waited()), hours(c.medianHours()),
                                hours(c.p90Hours()), hours(c.p95Hours())), query, DrillDown.of(Figure.CONSENT_WAITED),
                                null))));

        // SLA breaches: triage from the referral's own timer, the other steps from their clocks
        List<Row> breachRows = new ArrayList<>();
        Map<String, Number> breachRates = new LinkedHashMap<>();
        for (Dashboard.Breach b : d.breaches()) {
            breachRows.add(new Row(List.of(stageName(b.stage()), Long.toString(b.measured()),
                    Long.toString(b.breached()), percent(b.rate())), query, DrillDown.of(Figure.TRIAGE_BREACHED),
                    null));
            breachRates.put(stageName(b.stage()), pct(b.rate()));
        }
        for (Dashboard.StepBreach b : d.stepBreaches()) {
            breachRows.add(new Row(List.of(stepName(b.step()), Long.toString(b.measured()),
                    Long.toString(b.breached()), percent(b.rate())), query,
                    DrillDown.of(Figure.STEP_BREACHED).step(b.step()), null));
            breachRates.put(stepName(b.step()), pct(b.rate()));
        }
        section("breaches", DashboardCharts.bars(getTranslation("dashboard.breachRates"), "%",
                Map.of(getTranslation("dashboard.rate"), breachRates)), table("breaches", List.of("dashboard.stage",
                        "dashboard.measured", "dashboard.breached", "dashboard.rate"), breachRows));
        Paragraph breachNote = new Paragraph(getTranslation("dashboard.breachesNote"));
        breachNote.getStyle().set("font-size", "var(--lumo-font-size-s)");
        figures.add(breachNote);

        // open referrals and workload
        section("open-by-age", DashboardCharts.bars(getTranslation("dashboard.openByAge"),
                getTranslation("dashboard.referrals"), DashboardCharts.one(getTranslation("dashboard.referrals"),
                        d.openByAge(), v -> bandName(v.key()), Dashboard.Volume::count)),
                table("open-by-age", List.of("dashboard.ageBand", "dashboard.count"), d.openByAge().stream()
                        .map(v -> new Row(List.of(bandName(v.key()), Long.toString(v.count())), query,
                                DrillDown.of(Figure.OPEN).band(band(v.key())), null)).toList()));
        Map<String, Map<String, ? extends Number>> load = new LinkedHashMap<>();
        load.put(getTranslation("dashboard.openAssigned"), values(d.workload(), Dashboard.Workload::username,
                Dashboard.Workload::openAssigned));
        load.put(getTranslation("dashboard.handled"), values(d.workload(), Dashboard.Workload::username,
                Dashboard.Workload::handledInPeriod));
        section("workload", DashboardCharts.bars(getTranslation("dashboard.workload"),
                getTranslation("dashboard.referrals"), load), table("workload", List.of("dashboard.user",
                        "dashboard.role", "dashboard.openAssigned", "dashboard.handled"), d.workload().stream()
                                .map(w -> new Row(List.of(w.username(), getTranslation("role." + w.role().name()),
                                        Long.toString(w.openAssigned()), Long.toString(w.handledInPeriod())), query,
                                        DrillDown.of(Figure.ASSIGNED).user(w.username()),
                                        DrillDown.of(Figure.HANDLED).user(w.username()))).toList()));
    }

    private Row consentRow(String key, long count, String rate, DashboardQuery query, Figure figure) {
        return new Row(List.of(getTranslation("dashboard.consent." + key), Long.toString(count), rate), query,
                DrillDown.of(figure), null);
    }

    private static String rate(long part, long whole) {
        return percent(whole == 0 ? null : (double) part / whole);
    }

    private static <T> Map<String, Number> values(List<T> items, java.util.function.Function<T, String> key,
            java.util.function.Function<T, ? extends Number> value) {
        Map<String, Number> values = new LinkedHashMap<>();
        items.forEach(item -> values.put(key.apply(item), value.apply(item)));
        return values;
    }

    private Table table(String id, List<String> headerKeys, List<Row> rows) {
        Table table = new Table(id, headerKeys.stream().map(this::getTranslation).toList(), rows);
        tables.put(id, table);
        return table;
    }

    /** A heading, the chart (if any), the table (click a row to list its referrals) and its CSV download. */
    private void section(String id, String svg, Table table) {
        VerticalLayout box = new VerticalLayout();
        box.setId("dashboard-section-" + id);
        box.setPadding(false);
        box.add(new H3(getTranslation("dashboard.section." + id)));
        FlexLayout content = new FlexLayout();
        content.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        content.getStyle().set("gap", "var(--lumo-space-m)");
        if (svg != null) {
            Html chart = new Html("<div>" + svg + "</div>");
            chart.setId("dashboard-chart-" + id);
            content.add(chart);
        }
        content.add(figureTable(id, table));
        box.add(content, csvLink("dashboard-csv-" + id, "carerelay-dashboard-" + id + ".csv",
                () -> csv(table.headers(), table.rows().stream().map(Row::cells).toList(), id)));
        figures.add(box);
    }

    /**
     * A figures table as a plain HTML table, not a Grid: a dozen grids were most of what the browser spent showing a
     * dashboard (docs/performance.md). A row with referrals behind it is clicked, or focused and Enter pressed, to
     * list them; where the last cell counts other referrals (in the workload table, those the user handled), a click
     * or Enter on that cell lists those instead.
     * A long table (a year's weeks) scrolls in a fixed height.
     */
    private Div figureTable(String id, Table table) {
        NativeTable html = new NativeTable();
        html.setId("dashboard-table-" + id);
        html.addClassName("dashboard-figures");
        NativeTableRow header = html.getHead().addRow();
        table.headers().forEach(h -> header.addHeaderCell().setText(h));
        for (Row row : table.rows()) {
            NativeTableRow tr = html.getBody().addRow();
            for (String cell : row.cells()) {
                tr.addDataCell().setText(cell);
            }
            if (row.drill() != null) {
                focusable(tr);
            }
            if (row.lastCellDrill() != null) {
                focusable(tr.getDataCells().get(tr.getDataCells().size() - 1));
            }
            if (row.drill() != null || row.lastCellDrill() != null) {
                // one listener on the row for both: the event says whether it came from the last cell
                DomEventListener drill = e -> {
                    DrillDown target = e.getEventData().getBoolean(ON_LAST_CELL) && row.lastCellDrill() != null
                            ? row.lastCellDrill() : row.drill();
                    if (target != null) {
                        showDrill(row.query(), target);
                    }
                };
                tr.getElement().addEventListener("click", drill).addEventData(ON_LAST_CELL);
                tr.getElement().addEventListener("keydown", drill).addEventData(ON_LAST_CELL)
                        .setFilter("event.key === 'Enter'");
            }
        }
        Div box = new Div(html);
        box.addClassName(table.rows().size() <= ALL_ROWS_VISIBLE_UP_TO ? "dashboard-figures-box"
                : "dashboard-figures-box-scrolling");
        return box;
    }

    /** Whether a row's click or Enter came from its last cell (the browser evaluates it with the event). */
    static final String ON_LAST_CELL = "event.target.closest('td') === element.lastElementChild";

    /** A row or cell that lists referrals: in the tab order, and marked as clickable. */
    private static void focusable(Component target) {
        target.getElement().getClassList().add("dashboard-drillable");
        target.getElement().setAttribute("tabindex", "0");
    }

    private Anchor csvLink(String id, String fileName, java.util.function.Supplier<String> content) {
        Anchor link = new Anchor(new StreamResource(fileName, () -> new ByteArrayInputStream(
                content.get().getBytes(StandardCharsets.UTF_8))), getTranslation("dashboard.csv"));
        link.getElement().setAttribute("download", true);
        link.setId(id);
        return link;
    }

    /** Lists the referrals behind a figure, a page at a time. */
    void showDrill(DashboardQuery query, DrillDown target) {
        try {
            Dashboards.DrillDownPage page = dashboards.referrals(user, query, target);
            drillQuery = query;
            drill = target;
            drillTotal = page.total();
            drillGrid.setItems(page.items());
            long pages = Math.max(1, (drillTotal + target.size() - 1) / target.size());
            drillTitle.setText(getTranslation("dashboard.drilldown", describe(query, target), drillTotal));
            drillPage.setText(getTranslation("worklists.page", target.page() + 1, pages, drillTotal));
            drillPrevious.setEnabled(target.page() > 0);
            drillNext.setEnabled(target.page() + 1 < pages);
            drillDownloads.removeAll();
            drillDownloads.add(csvLink("dashboard-csv-drilldown", "carerelay-dashboard-referrals.csv",
                    () -> drillCsv(query, target)));
            drillSection.setVisible(true);
            // the list shows above the figures: bring it into view, or a click far down the page seems to do nothing
            drillTitle.scrollIntoView();
        } catch (ValidationException e) {
            Notices.error(getTranslation("dashboard.badInput", readable(e)));
        }
    }

    private String drillCsv(DashboardQuery query, DrillDown target) {
        List<List<String>> rows = new ArrayList<>();
        int size = dashboards.maxPageSize();
        for (int p = 0; rows.size() < MAX_EXPORT_ROWS; p++) {
            Dashboards.DrillDownPage page = dashboards.referrals(user, query, target.page(p, size));
            page.items().forEach(r -> rows.add(drillCells(r)));
            if (page.items().size() < size) {
                break;
            }
        }
        return csv(DRILL_HEADERS.stream().map(this::getTranslation).toList(), rows, "referrals");
    }

    private static final List<String> DRILL_HEADERS = List.of("dashboard.reference", "tasks.status",
            "tasks.specialty", "tasks.urgency", "referrals.from", "worklists.received", "dashboard.triagedAt",
            "dashboard.scheduledAt", "dashboard.reportSentAt", "dashboard.closedAt", "dashboard.breachedAt",
            "dashboard.reason");

    private List<String> drillCells(DrillDownRow r) {
        return List.of(r.referralId(), getTranslation("status." + r.status()), r.specialty(),
                getTranslation("urgency." + r.urgency()), r.sendingInstitution(), HongKongTime.format(r.receivedAt()),
                HongKongTime.format(r.triagedAt()), HongKongTime.format(r.scheduledAt()),
                HongKongTime.format(r.reportSentAt()), HongKongTime.format(r.closedAt()),
                HongKongTime.format(r.triageBreachedAt()), r.declineReason() == null ? "" : reasonName(r.declineReason()));
    }

    private String csv(List<String> headers, List<List<String>> rows, String table) {
        StringBuilder out = new StringBuilder();
        line(out, headers);
        rows.forEach(r -> line(out, r));
        dashboards.recordExport(user, table, rows.size());
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(csvCell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** Quotes a cell; a leading =, +, - or @ is defused so that spreadsheets do not run it as a formula. */
    static String csvCell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private String describe(DashboardQuery query, DrillDown target) {
        StringBuilder text = new StringBuilder(getTranslation("dashboard.figure." + target.figure().path()));
        if (target.stage() != null) {
            text.append(" · ").append(stageName(target.stage()));
        }
        if (target.week() != null) {
            text.append(" · ").append(getTranslation("dashboard.week")).append(' ').append(target.week());
        }
        if (target.sending() != null) {
            text.append(" · ").append(target.sending());
        }
        if (target.band() != null) {
            text.append(" · ").append(bandName(target.band().path()));
        }
        if (target.user() != null) {
            text.append(" · ").append(target.user());
        }
        if (target.reason() != null) {
            text.append(" · ").append(reasonName(target.reason()));
        }
        if (target.step() != null) {
            text.append(" · ").append(stepName(target.step()));
        }
        if (query.specialty() != null) {
            text.append(" · ").append(specialtyName(query.specialty()));
        }
        if (query.urgency() != null) {
            text.append(" · ").append(getTranslation("urgency." + query.urgency()));
        }
        return text.toString();
    }

    private String readable(ValidationException e) {
        return String.join("; ", e.errors().stream().map(f -> getTranslation("dashboard.field." + f.field()) + ": "
                + f.message()).toList());
    }

    private String stageName(Stage stage) {
        return getTranslation("dashboard.stage." + stage.path());
    }

    private String reasonName(String code) {
        return getTranslation("dashboard.reason." + code);
    }

    /** A clocked step's name, or its task id where no translation names it (a step configured later). */
    private String stepName(String task) {
        String name = getTranslation("dashboard.step." + task);
        return name.startsWith("!") ? task : name;
    }

    private String bandName(String path) {
        return getTranslation("dashboard.band." + path);
    }

    private static AgeBand band(String path) {
        return java.util.Arrays.stream(AgeBand.values()).filter(b -> b.path().equals(path)).findFirst().orElseThrow();
    }

    private static String hours(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static Number pct(Double rate) {
        return rate == null ? 0 : rate * 100;
    }

    private String specialtyName(String code) {
        return directory.specialtyName(code, getLocale());
    }

    private String institutionName(String code) {
        return directory.institution(code).map(i -> i.name(getLocale())).orElse(code);
    }
}
