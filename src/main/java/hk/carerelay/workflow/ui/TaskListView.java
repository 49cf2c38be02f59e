package hk.carerelay.workflow.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.ui.Notices;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;
import jakarta.annotation.security.RolesAllowed;

/**
 * The worklist: my tasks and my group's unclaimed tasks, with counts, filters (patient or task name, status,
 * urgency, specialty, overdue),
 * soonest due first, and claim / release / open.
 */
@Route("tasks")
@Menu(order = 1, title = "nav.tasks", icon = "vaadin:tasks")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER"})
public class TaskListView extends VerticalLayout implements HasDynamicTitle {

    private final WorkflowTasks tasks;
    private final Directory directory;
    private final Clock clock;
    private final CareRelayUser user;

    private final Tab mine = new Tab();
    private final Tab group = new Tab();
    private final Tabs tabs = new Tabs(mine, group);
    private final Select<String> status = new Select<>();
    private final Select<String> urgency = new Select<>();
    private final Select<String> specialty = new Select<>();
    private final Checkbox overdue = new Checkbox();
    private final TextField search = new TextField();
    private final Grid<TaskView> grid = new Grid<>();
    private List<TaskView> all = List.of();

    public TaskListView(WorkflowTasks tasks, Directory directory, Clock clock) {
        this.tasks = tasks;
        this.directory = directory;
        this.clock = clock;
        this.user = CurrentUser.require();
        setSizeFull();

        mine.setId("tab-mine");
        group.setId("tab-group");
        tabs.addSelectedChangeListener(e -> refreshGrid());

        status.setLabel(getTranslation("tasks.filter.status"));
        status.setId("filter-status");
        urgency.setLabel(getTranslation("tasks.filter.urgency"));
        urgency.setId("filter-urgency");
        specialty.setLabel(getTranslation("tasks.filter.specialty"));
        specialty.setId("filter-specialty");
        overdue.setLabel(getTranslation("tasks.filter.overdue"));
        overdue.setId("filter-overdue");
        for (Select<String> s : List.of(status, urgency, specialty)) {
            s.setEmptySelectionAllowed(true);
            s.setEmptySelectionCaption(getTranslation("tasks.filter.any"));
            s.addValueChangeListener(e -> refreshGrid());
        }
        status.setItemLabelGenerator(v -> v == null ? getTranslation("tasks.filter.any") : getTranslation("status." + v));
        urgency.setItemLabelGenerator(v -> v == null ? getTranslation("tasks.filter.any") : getTranslation("urgency." + v));
        specialty.setItemLabelGenerator(v -> v == null ? getTranslation("tasks.filter.any") : specialtyName(v));
        overdue.addValueChangeListener(e -> refreshGrid());
        search.setLabel(getTranslation("tasks.filter.search"));
        search.setId("filter-search");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refreshGrid());
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> reload());
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reload.getElement().setAttribute("aria-label", getTranslation("action.refresh"));
        HorizontalLayout filters = new HorizontalLayout(search, status, urgency, specialty, overdue, reload);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("task-grid");
        // the text columns share the width and wrap a long name rather than push the grid wider than the page
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(this::dueCell).setHeader(getTranslation("tasks.due")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> taskName(this, t)).setHeader(getTranslation("tasks.task")).setWidth("10em").setFlexGrow(2);
        grid.addColumn(t -> t.summary().patientName() == null ? getTranslation("referral.patientWithheld")
                : t.summary().patientName()).setHeader(getTranslation("tasks.patient")).setWidth("9em").setFlexGrow(2);
        grid.addColumn(t -> specialtyName(t.summary().specialty())).setHeader(getTranslation("tasks.specialty"))
                .setWidth("8em").setFlexGrow(1);
        grid.addComponentColumn(t -> t.summary().urgency() == null ? new Span()
                : Notices.badge(getTranslation("urgency." + t.summary().urgency()),
                        "URGENT".equals(t.summary().urgency()) ? "error" : "contrast"))
                .setHeader(getTranslation("tasks.urgency")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::statusCell).setHeader(getTranslation("tasks.status")).setWidth("11em")
                .setFlexGrow(1);
        // no assignee column: the group's tab lists the tasks nobody has claimed (the engine's candidate query), the
        // user's own tab those he has; the column was always empty or the user
        grid.addComponentColumn(this::actions).setKey("actions").setHeader(getTranslation("tasks.actions")).setAutoWidth(true)
                .setFlexGrow(0).setFrozenToEnd(true);
        grid.addItemDoubleClickListener(e -> open(e.getItem()));
        grid.setSizeFull();

        add(new H2(getTranslation("tasks.title")), tabs, filters, grid);
        reload();
        if (all.stream().noneMatch(isMine()) && !all.isEmpty()) {
            tabs.setSelectedTab(group);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tasks.title") + " · CareRelay";
    }

    private void reload() {
        all = tasks.tasksFor(user);
        status.setItems(all.stream().map(t -> t.summary().status()).filter(Objects::nonNull).distinct().sorted().toList());
        urgency.setItems(all.stream().map(t -> t.summary().urgency()).filter(Objects::nonNull).distinct().sorted().toList());
        specialty.setItems(all.stream().map(t -> t.summary().specialty()).filter(Objects::nonNull).distinct().sorted().toList());
        refreshGrid();
    }

    private void refreshGrid() {
        long mineCount = all.stream().filter(isMine()).count();
        long groupCount = all.size() - mineCount;
        mine.setLabel(getTranslation("tasks.mine", mineCount));
        group.setLabel(getTranslation("tasks.group", groupCount));
        Instant now = clock.instant();
        Predicate<TaskView> tab = tabs.getSelectedTab() == group ? isMine().negate() : isMine();
        grid.setItems(all.stream()
                .filter(tab)
                .filter(t -> status.getValue() == null || status.getValue().equals(t.summary().status()))
                .filter(t -> urgency.getValue() == null || urgency.getValue().equals(t.summary().urgency()))
                .filter(t -> specialty.getValue() == null || specialty.getValue().equals(t.summary().specialty()))
                .filter(t -> !overdue.getValue() || t.isOverdue(now))
                .filter(t -> matches(t, search.getValue()))
                .toList());
        // the columns sized to their content follow the rows now shown (the other tab's actions are wider)
        grid.recalculateColumnWidths();
    }

    /** The task's name in the user's language, where the bundle has one (key {@code task.name.<BPMN id>}). */
    static String taskName(Component component, TaskView task) {
        String translated = component.getTranslation("task.name." + task.taskKey());
        return translated.startsWith("!") ? task.name() : translated;
    }

    private String specialtyName(String code) {
        return directory.specialtyName(code, getLocale());
    }

    private boolean matches(TaskView task, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return taskName(this, task).toLowerCase(Locale.ROOT).contains(needle)
                || (task.summary().patientName() != null
                        && task.summary().patientName().toLowerCase(Locale.ROOT).contains(needle));
    }

    private Predicate<TaskView> isMine() {
        return t -> user.username().equals(t.assignee());
    }

    /**
     * The case's status, and beside it "Awaiting consent" while no consent of the patient covers the referral: the
     * receiving side's work on it waits (completing it is refused), the sender's consent task is what moves it on.
     */
    private Component statusCell(TaskView task) {
        return Notices.withConsentBadge(new Span(getTranslation("status." + task.summary().status())),
                task.summary().awaitingConsent());
    }


    private Span dueCell(TaskView task) {
        Span due = new Span(task.due() == null ? "—" : HongKongTime.format(task.due()));
        if (task.isOverdue(clock.instant())) {
            due.getElement().getThemeList().add("badge error");
            due.setTitle(getTranslation("tasks.overdue"));
        }
        return due;
    }

    private HorizontalLayout actions(TaskView task) {
        HorizontalLayout actions = new HorizontalLayout();
        if (task.assignee() == null) {
            Button claim = new Button(getTranslation("tasks.claim"), e -> act(() -> tasks.claim(user, task.id()),
                    "tasks.claimed"));
            claim.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            claim.addClassName("claim-task");
            actions.add(claim);
        } else if (task.assignee().equals(user.username())) {
            Button open = new Button(getTranslation("tasks.open"), e -> open(task));
            open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            open.addClassName("open-task");
            Button release = new Button(getTranslation("tasks.release"), e -> act(() -> tasks.unclaim(user, task.id()),
                    "tasks.released"));
            release.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            release.addClassName("release-task");
            actions.add(open, release);
        }
        return actions;
    }

    private void act(Runnable action, String successKey) {
        try {
            action.run();
            Notices.success(getTranslation(successKey));
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            Notices.error(e.getMessage());
        }
        reload();
    }

    private void open(TaskView task) {
        getUI().ifPresent(ui -> ui.navigate(TaskFormView.class, new RouteParameters("taskId", task.id())));
    }
}
