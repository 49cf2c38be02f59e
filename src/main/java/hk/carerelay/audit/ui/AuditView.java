package hk.carerelay.audit.ui;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditEntry;
import hk.carerelay.audit.AuditExports;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.audit.AuditQuery;
import hk.carerelay.audit.AuditQueryParser;
import hk.carerelay.audit.AuditSearch;
import hk.carerelay.audit.AuditVerifier;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.DateFields;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * The auditor's workspace: search the log by patient (HKID), user, referral, action, outcome and period, page through
 * it newest first, export CSV or FHIR AuditEvent, produce a patient's access report, and verify the log's integrity.
 */
@Route("audit")
@Menu(order = 5, title = "nav.audit", icon = "vaadin:search")
@RolesAllowed("AUDITOR")
public class AuditView extends VerticalLayout implements HasDynamicTitle {

    private static final int PAGE = 100;

    private final AuditSearch search;
    private final AuditQueryParser parser;
    private final AuditExports exports;
    private final AuditVerifier verifier;
    private final AuditLog audit;
    private final CareRelayUser user;

    private final TextField patient = new TextField();
    private final TextField username = new TextField();
    private final TextField referral = new TextField();
    private final Select<AuditAction> action = new Select<>();
    private final Select<String> outcome = new Select<>();
    private final DatePicker from = DateFields.date();
    private final DatePicker to = DateFields.date();
    private final Grid<AuditEntry> grid = new Grid<>();
    private final Button more = new Button();
    private final Div status = new Div();
    private final Div downloads = new Div();
    private final List<AuditEntry> rows = new ArrayList<>();
    private AuditQuery query;
    private AuditSearch.Position next;

    public AuditView(AuditSearch search, AuditQueryParser parser, AuditExports exports, AuditVerifier verifier,
            AuditLog audit) {
        this.search = search;
        this.parser = parser;
        this.exports = exports;
        this.verifier = verifier;
        this.audit = audit;
        this.user = CurrentUser.require();
        setSizeFull();

        patient.setLabel(getTranslation("audit.patient"));
        patient.setId("audit-patient");
        patient.setPlaceholder("A123456(3)");
        username.setLabel(getTranslation("audit.user"));
        username.setId("audit-user");
        referral.setLabel(getTranslation("audit.referral"));
        referral.setId("audit-referral");
        action.setLabel(getTranslation("audit.action"));
        action.setId("audit-action");
        action.setItems(Arrays.asList(AuditAction.values()));
        action.setEmptySelectionAllowed(true);
        action.setItemLabelGenerator(a -> a == null ? getTranslation("tasks.filter.any") : a.name());
        outcome.setLabel(getTranslation("audit.outcome"));
        outcome.setId("audit-outcome");
        outcome.setItems("SUCCESS", "FAILURE", "DENIED");
        outcome.setEmptySelectionAllowed(true);
        outcome.setItemLabelGenerator(o -> o == null ? getTranslation("tasks.filter.any") : o);
        from.setLabel(getTranslation("audit.from"));
        from.setId("audit-from");
        from.setValue(LocalDate.now(HongKongTime.ZONE).minusDays(AuditQuery.DEFAULT_DAYS));
        to.setLabel(getTranslation("audit.to"));
        to.setId("audit-to");
        to.setValue(LocalDate.now(HongKongTime.ZONE));

        Button searchButton = new Button(getTranslation("audit.search"), e -> runSearch());
        searchButton.setId("audit-search");
        searchButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button verify = new Button(getTranslation("audit.verify"), e -> verify());
        verify.setId("audit-verify");
        Button report = new Button(getTranslation("audit.report"), e -> report());
        report.setId("audit-report");

        HorizontalLayout filters = new HorizontalLayout(patient, username, referral, action, outcome, from, to);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        HorizontalLayout actions = new HorizontalLayout(searchButton, report, verify, downloads);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> HongKongTime.format(e.occurredAt())).setHeader(getTranslation("timeline.at")).setAutoWidth(true);
        grid.addColumn(AuditEntry::username).setHeader(getTranslation("audit.user")).setAutoWidth(true);
        grid.addColumn(AuditEntry::role).setHeader(getTranslation("audit.role")).setAutoWidth(true);
        grid.addColumn(AuditEntry::institution).setHeader(getTranslation("audit.institution")).setAutoWidth(true);
        grid.addColumn(e -> e.action().name()).setHeader(getTranslation("audit.action")).setAutoWidth(true);
        grid.addColumn(e -> e.objectType() == null ? "" : e.objectType() + (e.objectId() == null ? "" : " " + e.objectId()))
                .setHeader(getTranslation("audit.object")).setAutoWidth(true);
        grid.addColumn(AuditEntry::outcome).setHeader(getTranslation("audit.outcome")).setAutoWidth(true);
        grid.addColumn(AuditEntry::clientIp).setHeader(getTranslation("audit.from.ip")).setAutoWidth(true);
        grid.addColumn(AuditEntry::detail).setHeader(getTranslation("audit.detail")).setFlexGrow(1);
        grid.setSizeFull();

        more.setText(getTranslation("audit.more"));
        more.setId("audit-more");
        more.setEnabled(false);
        more.addClickListener(e -> loadPage());
        status.setId("audit-status");

        add(new H2(getTranslation("audit.title")), filters, actions, status, grid, more);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("audit.title") + " · CareRelay";
    }

    private void runSearch() {
        try {
            query = parser.parse(patient.getValue(), username.getValue(), referral.getValue(),
                    action.getValue() == null ? null : action.getValue().name(), outcome.getValue(),
                    from.getValue() == null ? null : from.getValue().toString(),
                    to.getValue() == null ? null : to.getValue().plusDays(1).toString(), AuditQuery.DEFAULT_DAYS);
        } catch (ValidationException e) {
            showErrors(e);
            return;
        }
        patient.setInvalid(false);
        from.setInvalid(false);
        rows.clear();
        next = null;
        loadPage();
        downloads.removeAll();
        AuditQuery current = query;
        Anchor csv = new Anchor(new StreamResource("carerelay-audit.csv",
                (out, session) -> exports.csv(user, current, out)), getTranslation("audit.csv"));
        csv.getElement().setAttribute("download", true);
        csv.setId("audit-csv");
        Anchor fhir = new Anchor(new StreamResource("carerelay-audit.fhir.json",
                (out, session) -> exports.fhir(user, current, out)), getTranslation("audit.fhir"));
        fhir.getElement().setAttribute("download", true);
        fhir.setId("audit-fhir");
        downloads.add(csv, new com.vaadin.flow.component.html.Span(" · "), fhir);
    }

    private void loadPage() {
        AuditSearch.Page page = search.page(query, next, PAGE);
        audit.write(user, AuditLog.Event.of(AuditAction.SEARCH).on("AuditLog", null)
                .detail("workspace search returned=" + page.items().size()));
        rows.addAll(page.items());
        next = page.next();
        grid.setItems(rows);
        more.setEnabled(next != null);
        status.setText(getTranslation("audit.shown", rows.size(), HongKongTime.format(query.from()),
                HongKongTime.format(query.to())));
    }

    private void report() {
        if (patient.getValue().isBlank()) {
            patient.setErrorMessage(getTranslation("audit.reportNeedsPatient"));
            patient.setInvalid(true);
            return;
        }
        try {
            AuditQuery reportQuery = parser.parse(patient.getValue(), null, null, null, null, null, null,
                    AuditQuery.MAX_DAYS);
            byte[] pdf = exports.accessReport(user, patient.getValue(), reportQuery);
            downloads.removeAll();
            Anchor link = new Anchor(new StreamResource("access-report.pdf", () -> new ByteArrayInputStream(pdf)),
                    getTranslation("audit.reportReady"));
            link.getElement().setAttribute("download", true);
            link.setId("audit-report-link");
            downloads.add(link);
        } catch (ValidationException e) {
            showErrors(e);
        } catch (NotFoundException e) {
            patient.setErrorMessage(getTranslation("audit.noSuchPatient"));
            patient.setInvalid(true);
        }
    }

    private void verify() {
        AuditVerifier.Result result = verifier.sealAndVerify();
        audit.write(user, AuditLog.Event.of(AuditAction.AUDIT_VERIFY).outcome(result.valid() ? "SUCCESS" : "FAILURE")
                .detail("entries=" + result.entriesChecked()));
        if (result.valid()) {
            Notices.success(getTranslation("audit.valid", result.entriesChecked(), result.checkpointsChecked()));
            status.setText(getTranslation("audit.valid", result.entriesChecked(), result.checkpointsChecked()));
        } else {
            String message = getTranslation("audit.tampered", result.firstFailure().seq(), result.firstFailure().reason());
            Notices.error(message);
            status.setText(message);
        }
    }

    private void showErrors(ValidationException e) {
        for (FieldError error : e.errors()) {
            switch (error.field()) {
                case "patient" -> {
                    patient.setErrorMessage(error.message());
                    patient.setInvalid(true);
                }
                case "from", "to" -> {
                    from.setErrorMessage(error.message());
                    from.setInvalid(true);
                }
                default -> Notices.error(error.field() + ": " + error.message());
            }
        }
    }
}
