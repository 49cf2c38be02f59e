package hk.carerelay.referral.ui;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.tabs.TabsVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.Role;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.referral.SavedWorklistFilter;
import hk.carerelay.referral.Urgency;
import hk.carerelay.referral.Worklist;
import hk.carerelay.referral.WorklistFilter;
import hk.carerelay.referral.WorklistRow;
import hk.carerelay.referral.WorklistScope;
import hk.carerelay.referral.Worklists;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * The coordinator's worklists: a tab per list with its count, mine or my organisation's, filters that can be saved
 * under a name, a page of referrals soonest due first, and claiming the selected rows' tasks at once. Managers read.
 */
@Route("worklists")
@Menu(order = 0, title = "nav.worklists", icon = "vaadin:clipboard-check")
@RolesAllowed({"COORDINATOR", "MANAGER"})
public class WorklistView extends VerticalLayout implements HasDynamicTitle {

    static final int PAGE_SIZE = 50;

    private final Worklists worklists;
    private final Directory directory;
    private final Clock clock;
    private final CareRelayUser user;

    private final Map<Worklist, Tab> tabs = new EnumMap<>(Worklist.class);
    private final Tabs tabBar = new Tabs();
    private final RadioButtonGroup<WorklistScope> scope = new RadioButtonGroup<>();
    private final Select<String> specialty = new Select<>();
    private final Select<Urgency> urgency = new Select<>();
    private final TextField search = new TextField();
    private final Select<SavedWorklistFilter> saved = new Select<>();
    private final TextField filterName = new TextField();
    private final Grid<WorklistRow> grid = new Grid<>();
    private final Span pageInfo = new Span();
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Button claim = new Button();
    private int page;
    private long total;
    private boolean applyingSaved;

    public WorklistView(Worklists worklists, Directory directory, Clock clock) {
        this.worklists = worklists;
        this.directory = directory;
        this.clock = clock;
        this.user = CurrentUser.require();
        setSizeFull();

        for (Worklist list : Worklist.values()) {
            Tab tab = new Tab();
            tab.setId("worklist-" + list.path());
            tabs.put(list, tab);
            tabBar.add(tab);
        }
        // eight lists: the small variant keeps them all in view beside the menu on a 1400-pixel screen
        tabBar.addThemeVariants(TabsVariant.LUMO_SMALL);
        tabBar.addSelectedChangeListener(e -> showPage(0));

        scope.setId("worklist-scope");
        scope.setLabel(getTranslation("worklists.scope"));
        scope.setItems(WorklistScope.values());
        scope.setItemLabelGenerator(s -> getTranslation("worklists.scope." + s.path()));
        scope.setValue(WorklistScope.ORGANISATION);
        specialty.setId("worklist-specialty");
        specialty.setLabel(getTranslation("tasks.filter.specialty"));
        specialty.setItems(directory.specialties().stream().map(Specialty::code).toList());
        specialty.setItemLabelGenerator(code -> code == null ? getTranslation("tasks.filter.any") : specialtyName(code));
        specialty.setEmptySelectionAllowed(true);
        specialty.setEmptySelectionCaption(getTranslation("tasks.filter.any"));
        urgency.setId("worklist-urgency");
        urgency.setLabel(getTranslation("tasks.filter.urgency"));
        urgency.setItems(Urgency.values());
        urgency.setItemLabelGenerator(u -> u == null ? getTranslation("tasks.filter.any") : getTranslation("urgency." + u));
        urgency.setEmptySelectionAllowed(true);
        urgency.setEmptySelectionCaption(getTranslation("tasks.filter.any"));
        search.setId("worklist-search");
        search.setLabel(getTranslation("worklists.search"));
        search.setClearButtonVisible(true);
        search.setMaxLength(100);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        scope.addValueChangeListener(e -> filtersChanged());
        specialty.addValueChangeListener(e -> filtersChanged());
        urgency.addValueChangeListener(e -> filtersChanged());
        search.addValueChangeListener(e -> filtersChanged());

        saved.setId("worklist-saved-filter");
        saved.setLabel(getTranslation("worklists.saved"));
        saved.setItemLabelGenerator(f -> f == null ? "" : f.name());
        saved.setEmptySelectionAllowed(true);
        saved.setEmptySelectionCaption(getTranslation("worklists.saved.none"));
        saved.addValueChangeListener(e -> apply(e.getValue()));
        filterName.setId("worklist-filter-name");
        filterName.setLabel(getTranslation("worklists.saved.name"));
        filterName.setMaxLength(100);
        Button save = new Button(getTranslation("worklists.saved.save"), e -> saveFilter());
        save.setId("worklist-save-filter");
        Button delete = new Button(getTranslation("worklists.saved.delete"), e -> deleteFilter());
        delete.setId("worklist-delete-filter");
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        refreshSaved();

        HorizontalLayout filters = new HorizontalLayout(scope, search, specialty, urgency);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout savedFilters = new HorizontalLayout(saved, filterName, save, delete);
        savedFilters.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("worklist-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addComponentColumn(this::dueCell).setHeader(getTranslation("tasks.due")).setAutoWidth(true);
        grid.addComponentColumn(this::patientCell).setHeader(getTranslation("tasks.patient")).setAutoWidth(true);
        grid.addColumn(r -> specialtyName(r.specialty())).setHeader(getTranslation("tasks.specialty")).setAutoWidth(true);
        grid.addComponentColumn(r -> Notices.badge(getTranslation("urgency." + r.urgency()),
                r.urgency() == Urgency.URGENT ? "error" : "contrast")).setHeader(getTranslation("tasks.urgency"));
        grid.addColumn(WorklistRow::sendingInstitution).setHeader(getTranslation("referrals.from"));
        grid.addColumn(r -> HongKongTime.format(r.receivedAt())).setHeader(getTranslation("worklists.received"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.assignee() == null ? "" : r.assignee()).setHeader(getTranslation("tasks.assignee"))
                .setAutoWidth(true);
        grid.addItemDoubleClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ReferralDetailView.class,
                new RouteParameters("referralId", e.getItem().referralId()))));
        grid.setSizeFull();

        claim.setId("worklist-claim");
        claim.setText(getTranslation("worklists.claimSelected"));
        claim.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        claim.addClickListener(e -> claimSelected());
        claim.setVisible(user.role() == Role.COORDINATOR);
        grid.addSelectionListener(e -> claim.setEnabled(e.getAllSelectedItems().stream()
                .anyMatch(r -> r.taskId() != null)));
        claim.setEnabled(false);
        previous.setId("worklist-previous");
        next.setId("worklist-next");
        previous.getElement().setAttribute("aria-label", getTranslation("worklists.previous"));
        next.getElement().setAttribute("aria-label", getTranslation("worklists.next"));
        previous.addClickListener(e -> showPage(page - 1));
        next.addClickListener(e -> showPage(page + 1));
        pageInfo.setId("worklist-page");
        HorizontalLayout actions = new HorizontalLayout(claim, previous, pageInfo, next);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);

        add(new H2(getTranslation("worklists.title")), tabBar, filters, savedFilters, actions, grid);
        refreshCounts();
        showPage(0);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("worklists.title") + " · CareRelay";
    }

    private Worklist selectedList() {
        return tabs.entrySet().stream().filter(e -> e.getValue() == tabBar.getSelectedTab()).map(Map.Entry::getKey)
                .findFirst().orElse(Worklist.FOR_REVIEW);
    }

    private WorklistFilter currentFilter() {
        String text = search.getValue() == null || search.getValue().isBlank() ? null : search.getValue().strip();
        return new WorklistFilter(scope.getValue() == null ? WorklistScope.ORGANISATION : scope.getValue(),
                specialty.getValue(), urgency.getValue(), text);
    }

    private void filtersChanged() {
        if (applyingSaved) {
            return;
        }
        refreshCounts();
        showPage(0);
    }

    private void refreshCounts() {
        try {
            Map<Worklist, Long> counts = worklists.counts(user, currentFilter());
            counts.forEach((list, count) -> tabs.get(list).setLabel(
                    getTranslation("worklists.list." + list.path(), count)));
        } catch (ValidationException e) {
            Notices.error(e.getMessage());
        }
    }

    /**
     * The patient's name, and beside it "Awaiting consent" while no consent of the patient covers the referral: its
     * triage or other work waits until the referring doctor records consent again.
     */
    private Component patientCell(WorklistRow r) {
        return Notices.withConsentBadge(new Span(r.patientName() == null ? getTranslation("referral.patientWithheld")
                : r.patientName()), r.awaitingConsent());
    }


    private void showPage(int requested) {
        try {
            Worklists.Page result = worklists.page(user, selectedList(), currentFilter(), Math.max(0, requested),
                    PAGE_SIZE);
            page = result.page();
            total = result.total();
            grid.deselectAll();
            grid.setItems(result.items());
            long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            pageInfo.setText(getTranslation("worklists.page", page + 1, pages, total));
            previous.setEnabled(page > 0);
            next.setEnabled(page + 1 < pages);
        } catch (ValidationException e) {
            Notices.error(e.getMessage());
        }
    }

    private void claimSelected() {
        List<String> taskIds = grid.getSelectedItems().stream().map(WorklistRow::taskId)
                .filter(java.util.Objects::nonNull).toList();
        if (taskIds.isEmpty()) {
            return;
        }
        List<Worklists.ClaimResult> results = worklists.claim(user, taskIds);
        long claimed = results.stream().filter(Worklists.ClaimResult::claimed).count();
        List<String> failures = results.stream().filter(r -> !r.claimed()).map(Worklists.ClaimResult::message).toList();
        if (failures.isEmpty()) {
            Notices.success(getTranslation("worklists.claimed", claimed));
        } else {
            Notices.error(getTranslation("worklists.claimedSome", claimed, failures.size()) + " "
                    + String.join(" ", failures));
        }
        refreshCounts();
        showPage(page);
    }

    private void apply(SavedWorklistFilter filter) {
        if (filter == null) {
            return;
        }
        applyingSaved = true;
        try {
            scope.setValue(filter.filter().scope());
            specialty.setValue(filter.filter().specialty());
            urgency.setValue(filter.filter().urgency());
            search.setValue(filter.filter().text() == null ? "" : filter.filter().text());
            tabBar.setSelectedTab(tabs.get(filter.list()));
        } finally {
            applyingSaved = false;
        }
        refreshCounts();
        showPage(0);
    }

    private void saveFilter() {
        try {
            SavedWorklistFilter created = worklists.saveFilter(user, filterName.getValue(), selectedList().path(),
                    currentFilter());
            filterName.clear();
            filterName.setInvalid(false);
            refreshSaved();
            applyingSaved = true;
            try {
                saved.setValue(created);
            } finally {
                applyingSaved = false;
            }
            Notices.success(getTranslation("worklists.saved.done", created.name()));
        } catch (ValidationException e) {
            filterName.setInvalid(true);
            filterName.setErrorMessage(e.getMessage());
        }
    }

    private void deleteFilter() {
        SavedWorklistFilter selected = saved.getValue();
        if (selected == null) {
            return;
        }
        worklists.deleteFilter(user, selected.id());
        refreshSaved();
    }

    private void refreshSaved() {
        saved.setItems(worklists.filters(user));
    }

    private Span dueCell(WorklistRow row) {
        Span due = new Span(row.due() == null ? "—" : HongKongTime.format(row.due()));
        if (row.due() != null && row.due().isBefore(clock.instant())) {
            due.getElement().getThemeList().add("badge error");
            due.setTitle(getTranslation("tasks.overdue"));
        }
        return due;
    }

    private String specialtyName(String code) {
        return directory.specialtyName(code, getLocale());
    }
}
