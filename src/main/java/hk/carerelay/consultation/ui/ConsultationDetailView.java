package hk.carerelay.consultation.ui;

import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.ui.Notices;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.ui.TaskFormView;
import jakarta.annotation.security.RolesAllowed;

/**
 * One consultation for its participants: the request, the shared referral sections, the opinion, open tasks, and what
 * other features contribute (the message thread).
 */
@Route("consultations/:consultationId")
@RolesAllowed("SPECIALIST")
public class ConsultationDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConsultationService consultations;
    private final ObjectProvider<ConsultationPanel> panels;
    private final Directory directory;
    private String title = "";

    public ConsultationDetailView(ConsultationService consultations, ObjectProvider<ConsultationPanel> panels,
            Directory directory) {
        this.consultations = consultations;
        this.panels = panels;
        this.directory = directory;
        setMaxWidth("70em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(event.getRouteParameters().get("consultationId").orElse(""));
    }

    @Override
    public String getPageTitle() {
        return title + " · CareRelay";
    }

    private void show(String id) {
        removeAll();
        CareRelayUser user = CurrentUser.require();
        ConsultationService.Details details;
        try {
            details = consultations.details(user, id);
        } catch (NotFoundException e) {
            title = getTranslation("consultation.notFound");
            add(new H2(title));
            return;
        }
        title = getTranslation("consultation.title",
                directory.specialtyName(details.consultation().consultedDepartment(), getLocale()));
        H2 heading = new H2(title);
        heading.setId("consultation-title");
        add(heading, new ConsultationSummary(details, directory));
        if (details.mayCancel()) {
            Button cancel = new Button(getTranslation("consultation.cancel"), e -> {
                try {
                    consultations.cancel(user, id);
                    Notices.success(getTranslation("consultation.cancelled"));
                } catch (ConflictException | ForbiddenException ex) {
                    Notices.error(ex.getMessage());
                }
                show(id);
            });
            cancel.setId("cancel-consultation");
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            add(cancel);
        }
        if (!details.openTasks().isEmpty()) {
            add(new H3(getTranslation("referral.openTasks")));
            for (TaskView t : details.openTasks()) {
                add(new RouterLink(t.name() + (t.assignee() == null ? "" : " (" + t.assignee() + ")"),
                        TaskFormView.class, new RouteParameters("taskId", t.id())));
            }
        } else if (details.consultation().closedAt() != null) {
            add(new Paragraph(getTranslation("consultation.closed")));
        }
        panels.orderedStream().forEach(p -> p.panel(user, id).ifPresent(this::add));
    }
}
