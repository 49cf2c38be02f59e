package hk.carerelay.workflow.ui;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import hk.carerelay.form.FormDefinition;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.FormRenderer;
import hk.carerelay.ui.Notices;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;
import jakarta.annotation.security.RolesAllowed;

/** One task: the case it is about, and its form, completed through the same task path as the API. */
@Route("tasks/:taskId")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER"})
public class TaskFormView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final WorkflowTasks tasks;
    private final Map<String, CaseContext> contexts;
    private String title = "";

    public TaskFormView(WorkflowTasks tasks, List<CaseContext> contexts) {
        this.tasks = tasks;
        this.contexts = contexts.stream().collect(Collectors.toMap(CaseContext::processDefinitionKey, Function.identity()));
        setMaxWidth("60em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String taskId = event.getRouteParameters().get("taskId").orElse("");
        CareRelayUser user = CurrentUser.require();
        removeAll();
        try {
            show(user, tasks.task(user, taskId));
        } catch (NotFoundException | ConflictException e) {
            add(new H2(getTranslation("task.unavailable")), new Paragraph(e.getMessage()));
            Button back = new Button(getTranslation("task.backToList"), c -> navigateToList());
            add(back);
        }
    }

    @Override
    public String getPageTitle() {
        return title + " · CareRelay";
    }

    private void show(CareRelayUser user, TaskView task) {
        FormDefinition form = tasks.form(user, task.id());
        title = form.title(getLocale());
        H2 heading = new H2(title);
        heading.setId("task-title");
        Paragraph meta = new Paragraph(getTranslation("task.meta", task.summary().patientName() == null
                ? getTranslation("referral.patientWithheld") : task.summary().patientName(),
                task.due() == null ? "—" : HongKongTime.format(task.due()),
                task.assignee() == null ? getTranslation("task.unassigned") : task.assignee()));
        add(heading, meta);

        CaseContext context = contexts.get(task.processKey());
        Component rendered = null;
        if (context != null && task.summary() != null) {
            rendered = context.render(user, task.summary().caseId());
            Details details = new Details(getTranslation("task.caseDetails"), rendered);
            details.setOpened(true);
            details.setWidthFull();
            add(details);
        }

        if (task.assignee() != null && !task.assignee().equals(user.username())) {
            add(new Paragraph(getTranslation("task.claimedByOther", task.assignee())));
            return;
        }
        H3 formHeading = new H3(getTranslation("task.form"));
        FormRenderer renderer = new FormRenderer(form, getLocale(), tasks.formData(user, task.id()));
        renderer.setId("task-form");
        if (rendered != null) {
            Component shown = rendered;
            renderer.addValuesListener(values -> context.formChanged(shown, values));
        }
        Button submit = new Button(getTranslation("task.submit"), e -> submit(user, task, renderer));
        submit.setId("submit-task");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("task.backToList"), e -> navigateToList());
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(formHeading, renderer, new HorizontalLayout(submit, cancel));
    }

    private void submit(CareRelayUser user, TaskView task, FormRenderer renderer) {
        if (!renderer.validate()) {
            return;
        }
        try {
            tasks.complete(user, task.id(), renderer.values());
            Notices.success(getTranslation("task.completed", TaskListView.taskName(this, task)));
            navigateToList();
        } catch (ValidationException e) {
            renderer.showErrors(e.errors());
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            Notices.error(e.getMessage());
        }
    }

    private void navigateToList() {
        getUI().ifPresent(ui -> ui.navigate(TaskListView.class));
    }
}
