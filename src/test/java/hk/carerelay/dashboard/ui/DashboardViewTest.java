package hk.carerelay.dashboard.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;

import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.dashboard.DrillDownRow;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

class DashboardViewTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    ConsentService consents;
    @Autowired
    WorkflowTasks tasks;

    private final String token = "Dash" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);

    private Referral send() {
        return referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("Z314159(5)", token + " Patient", "1975-03-03"), "HSC", "CARDIOLOGY",
                "URGENT", "Review " + token, "Summary " + token + " for the dashboard view test."));
    }

    private static String download(String anchorId) {
        return new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withId(anchorId))),
                StandardCharsets.UTF_8);
    }

    /** The rows of a figures table, each as the texts of its cells, as the manager reads them. */
    private static List<List<String>> rows(String table) {
        return figureTable(table).getBody().getRows().stream()
                .map(tr -> tr.getDataCells().stream().map(NativeTableCell::getText).toList()).toList();
    }

    /** Clicks a row of a figures table, as a manager does to list the referrals behind it. */
    private static void clickRow(String table, int index) {
        elemental.json.JsonObject event = elemental.json.Json.createObject();
        event.put(DashboardView.ON_LAST_CELL, false);
        BasicUtilsKt._fireDomEvent(figureTable(table).getBody().getRows().get(index), "click", event);
    }

    private static NativeTable figureTable(String table) {
        return _get(NativeTable.class, spec -> spec.withId("dashboard-table-" + table));
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(String id) {
        return _get(Grid.class, spec -> spec.withId(id));
    }

    @Test
    void managerSeesChartsDrillsDownToTheReferralsAndDownloadsCsv() {
        Referral referral = send();
        signIn("manager.tsang");
        UI.getCurrent().navigate("dashboard");

        List<Html> charts = _find(Html.class);
        assertThat(charts).hasSizeGreaterThanOrEqualTo(7);
        assertThat(_get(Html.class, spec -> spec.withId("dashboard-chart-turnaround")).getInnerHtml())
                .contains("<svg").contains("Turnaround per stage");
        // rotated labels as SVG text, not glyph outlines; coordinates with at most one decimal
        assertThat(_get(Html.class, spec -> spec.withId("dashboard-chart-turnaround")).getInnerHtml())
                .contains("Received → triaged").doesNotContainPattern("\\d\\.\\d{5}");
        assertThat(DashboardCharts.decimals(208.44999, 1)).isEqualTo("208.4");
        assertThat(DashboardCharts.decimals(-0.70710678, 4)).isEqualTo("-0.7071");
        assertThat(DashboardCharts.decimals(12.0, 1)).isEqualTo("12");
        assertThat(DashboardCharts.decimals(Double.NaN, 1)).isEqualTo("0");
        assertThat(_get(Span.class, spec -> spec.withId("dashboard-summary")).getText()).contains("referrals received");

        // volume by sending institution: the clinic's row lists its referrals, ours among them
        List<List<String>> rows = rows("received-by-sender");
        int kefc = rows.stream().map(r -> r.get(0)).toList().indexOf("KEFC");
        assertThat(kefc).isNotNegative();
        clickRow("received-by-sender", kefc);
        Grid<DrillDownRow> drill = grid("dashboard-drilldown");
        assertThat(_get(com.vaadin.flow.component.html.H3.class, spec -> spec.withId("dashboard-drilldown-title"))
                .getText()).contains("KEFC");
        long listed = Long.parseLong(rows.get(kefc).get(1));
        assertThat(drill.getGenericDataView().getItems().count()).isEqualTo(Math.min(listed, 50));
        assertThat(drill.getGenericDataView().getItems()).allMatch(r -> r.sendingInstitution().equals("KEFC"));

        // the whole list downloads as CSV: reference, dates, status, specialty, urgency; no patient, no clinical text
        String csv = download("dashboard-csv-drilldown");
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("Reference,Status,Specialty,Urgency,From");
        assertThat(csv.lines().count()).isEqualTo(listed + 1);
        assertThat(csv).contains(referral.id() + ",Received,CARDIOLOGY,Urgent,KEFC,").doesNotContain(token);

        // a figures table as CSV: its header and one line per row
        String urgency = download("dashboard-csv-received-by-urgency");
        assertThat(urgency.lines().toList()).first().isEqualTo("Urgency,Referrals");
        assertThat(urgency).contains("Urgent,");
        assertThat(urgency.lines().count()).isEqualTo(
                rows("received-by-urgency").size() + 1);
    }

    @Test
    void declinesByReasonConsentAndStepBreachesRenderWithChartsDrillDownAndCsv() {
        CareRelayUser gp = users.find("gp.chan").orElseThrow();
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        Referral declined = send();
        ConsentFixtures.consentToShare(consents, gp, declined.id());
        String triage = tasks.openTasksOfCase(coordinator, declined.id()).stream().map(TaskView::id).findFirst()
                .orElseThrow();
        tasks.complete(coordinator, triage, Map.of("decision", "DECLINE", "declineReasonCode", "PATIENT_DECLINED",
                "declineReason", "Declined for " + token));
        signIn("manager.tsang");
        UI.getCurrent().navigate("dashboard");

        for (String id : List.of("declines-by-reason", "consent", "time-to-consent", "breaches")) {
            assertThat(_get(Html.class, spec -> spec.withId("dashboard-chart-" + id)).getInnerHtml()).as(id)
                    .contains("<svg");
        }
        assertThat(_get(Html.class, spec -> spec.withId("dashboard-chart-declines-by-reason")).getInnerHtml())
                .contains("Declines by reason");

        // the reason's row lists the declined referral, with its reason in the list and the CSV
        List<List<String>> rows = rows("declines-by-reason");
        int patientDeclined = rows.stream().map(r -> r.get(0)).toList().indexOf("Patient declined");
        assertThat(patientDeclined).isNotNegative();
        clickRow("declines-by-reason", patientDeclined);
        Grid<DrillDownRow> drill = grid("dashboard-drilldown");
        assertThat(drill.getGenericDataView().getItems()).extracting(DrillDownRow::referralId)
                .contains(declined.id());
        assertThat(drill.getGenericDataView().getItems()).allMatch(r -> "PATIENT_DECLINED".equals(r.declineReason()));
        assertThat(download("dashboard-csv-drilldown")).contains(declined.id() + ",Declined,").contains(
                "Patient declined").doesNotContain(token);

        // consent: decided, granted, ..., refused; the granted row lists the referral whose consent was recorded
        List<String> labels = rows("consent").stream().map(r -> r.get(0)).toList();
        assertThat(labels).containsExactly("Decided", "Granted (grant rate of those decided)", "Granted, in force",
                "Granted, then withdrawn", "Granted, then expired", "Refused");
        clickRow("consent", 1);
        assertThat(drill.getGenericDataView().getItems()).extracting(DrillDownRow::referralId)
                .contains(declined.id());
        assertThat(download("dashboard-csv-consent").lines().toList()).first()
                .isEqualTo("Consent to share,Referrals,Rate");
        assertThat(rows("time-to-consent")).hasSize(1);

        // breaches: the triage timer's row first, then the clocked steps; the CSV holds them all
        List<List<String>> breaches = rows("breaches");
        assertThat(breaches.get(0).get(0))
                .isEqualTo("Received → triaged");
        assertThat(download("dashboard-csv-breaches").lines().count())
                .isEqualTo(breaches.size() + 1);
    }

    @Test
    void reversedPeriodGivesAReadableMessageAndKeepsTheFigures() {
        signIn("manager.tsang");
        UI.getCurrent().navigate("dashboard");
        String before = _get(Span.class, spec -> spec.withId("dashboard-summary")).getText();
        NotificationsKt.clearNotifications();
        _setValue(_get(DatePicker.class, spec -> spec.withId("dashboard-from")), LocalDate.of(2026, 3, 1));
        _setValue(_get(DatePicker.class, spec -> spec.withId("dashboard-to")), LocalDate.of(2026, 2, 1));
        _click(_get(Button.class, spec -> spec.withId("dashboard-show")));
        List<Notification> shown = NotificationsKt.getNotifications();
        assertThat(shown).singleElement().satisfies(n -> assertThat(n.getChildren()
                .map(c -> c.getElement().getText()).toList()).singleElement().asString()
                .contains("The dashboard was not updated").contains("To: must be on or after from"));
        assertThat(_get(Span.class, spec -> spec.withId("dashboard-summary")).getText()).isEqualTo(before);
    }

    @Test
    void otherRolesAreRefused() {
        for (String user : List.of("coord.wong", "dr.lee", "auditor.yip")) {
            signIn(user);
            assertThatThrownBy(() -> {
                UI.getCurrent().navigate("dashboard");
                _get(DashboardView.class);
            }).as(user).hasMessageContaining("AccessDeniedException");
        }
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(DashboardView.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(DashboardView.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(DashboardView.csvCell("=1+1")).isEqualTo("'=1+1");
        assertThat(DashboardView.csvCell("-12.5")).isEqualTo("-12.5");
    }
}
