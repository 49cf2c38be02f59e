package hk.carerelay.referral.ui;

import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import hk.carerelay.form.FormCatalog;
import hk.carerelay.organisation.Directory;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.Role;
import hk.carerelay.referral.EmergencyAccess;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.TimelineEntry;
import hk.carerelay.workflow.ui.TaskFormView;
import jakarta.annotation.security.RolesAllowed;

/** A referral with its letter, forms so far, open tasks and timeline; the sender can ask to cancel it here. */
@Route("referrals/:referralId")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER"})
public class ReferralDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ReferralService referrals;
    private final FormCatalog forms;
    private final Directory directory;
    private final EmergencyAccess emergencyAccess;
    private final ObjectProvider<ReferralPanel> panels;
    private String title = "";

    public ReferralDetailView(ReferralService referrals, FormCatalog forms, Directory directory,
            EmergencyAccess emergencyAccess, ObjectProvider<ReferralPanel> panels) {
        this.referrals = referrals;
        this.panels = panels;
        this.emergencyAccess = emergencyAccess;
        this.forms = forms;
        this.directory = directory;
        setMaxWidth("70em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(event.getRouteParameters().get("referralId").orElse(""));
    }

    @Override
    public String getPageTitle() {
        return title + " · CareRelay";
    }

    private void show(String id) {
        removeAll();
        CareRelayUser user = CurrentUser.require();
        ReferralService.Details details;
        try {
            details = referrals.details(user, id);
        } catch (NotFoundException e) {
            title = getTranslation("referral.notFound");
            add(new H2(title), new Paragraph(getTranslation("referral.notFoundHelp")));
            if (EmergencyAccess.availableTo(user.role()) && !id.isBlank()) {
                add(emergencyAccessPanel(user, id));
            }
            return;
        }
        Referral r = details.referral();
        title = getTranslation("referral.title", r.patientName() != null ? r.patientName()
                : getTranslation("referral.patientWithheld"));
        H2 heading = new H2(title);
        heading.setId("referral-title");
        add(heading);
        if (details.emergencyAccess() != null) {
            Paragraph banner = new Paragraph(getTranslation("emergency.banner",
                    HongKongTime.format(details.emergencyAccess().expiresAt())));
            banner.setId("emergency-banner");
            banner.getElement().getThemeList().add("badge error");
            banner.getStyle().set("padding", "var(--lumo-space-s)");
            add(banner);
        }
        add(new ReferralSummary(details, forms, directory, getLocale()));

        Anchor documents = new Anchor("referrals/" + r.id() + "/documents", getTranslation("referral.documents"));
        documents.setId("referral-documents");
        add(documents);
        if (user.role() == Role.REFERRING_DOCTOR && user.institution().equals(r.sendingInstitution())) {
            // the consent feature's capture view, by route (the referral feature does not depend on it)
            Anchor consent = new Anchor("referrals/" + r.id() + "/consent", getTranslation("consent.open"));
            consent.setId("referral-consent");
            add(consent);
        }
        panels.orderedStream().forEach(p -> p.panel(user, r.id()).ifPresent(this::add));

        if (user.role() == Role.REFERRING_DOCTOR && user.institution().equals(r.sendingInstitution())
                && !r.status().isTerminal() && r.status() != ReferralStatus.CANCELLATION_REQUESTED) {
            Button cancel = new Button(getTranslation("referral.requestCancellation"), e -> askCancellation(user, r));
            cancel.setId("request-cancellation");
            cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
            add(cancel);
        }

        if (!details.openTasks().isEmpty()) {
            add(new H3(getTranslation("referral.openTasks")));
            for (TaskView t : details.openTasks()) {
                RouterLink link = new RouterLink(t.name() + (t.assignee() == null ? "" : " (" + t.assignee() + ")"),
                        TaskFormView.class, new RouteParameters("taskId", t.id()));
                add(link);
            }
        }

        add(new H3(getTranslation("referral.timeline")));
        Grid<TimelineEntry> timeline = new Grid<>();
        timeline.setId("timeline");
        timeline.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        timeline.addColumn(e -> HongKongTime.format(e.at())).setHeader(getTranslation("timeline.at")).setAutoWidth(true);
        timeline.addColumn(TimelineEntry::actor).setHeader(getTranslation("timeline.actor")).setAutoWidth(true);
        timeline.addColumn(TimelineEntry::event).setHeader(getTranslation("timeline.event")).setFlexGrow(1);
        timeline.setItems(details.timeline());
        timeline.setAllRowsVisible(true);
        add(timeline);
    }

    /** Break-glass: the referral is outside the user's scope; a clinician may open it by saying why. */
    private Component emergencyAccessPanel(CareRelayUser user, String id) {
        Details panel = new Details(getTranslation("emergency.title"));
        panel.setId("emergency-access");
        TextArea reason = new TextArea(getTranslation("emergency.reason"));
        reason.setId("emergency-reason");
        reason.setWidth("30em");
        reason.setMaxLength(2000);
        reason.setMinLength(15);
        reason.setRequired(true);
        Button open = new Button(getTranslation("emergency.open"), e -> {
            try {
                emergencyAccess.open(user, id, reason.getValue());
                Notices.success(getTranslation("emergency.granted"));
                show(id);
            } catch (ValidationException ex) {
                reason.setErrorMessage(getTranslation("form.error", ex.errors().get(0).message()));
                reason.setInvalid(true);
            } catch (ConflictException | ForbiddenException | NotFoundException ex) {
                Notices.error(ex.getMessage());
            }
        });
        open.setId("emergency-open");
        open.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        panel.add(new Paragraph(getTranslation("emergency.help")), reason, open);
        return panel;
    }

    private void askCancellation(CareRelayUser user, Referral r) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("referral.requestCancellation"));
        TextArea reason = new TextArea(getTranslation("referral.cancellationReason"));
        reason.setId("cancellation-reason");
        reason.setWidth("30em");
        reason.setMaxLength(2000);
        reason.setRequired(true);
        Button send = new Button(getTranslation("referral.sendCancellation"), e -> {
            try {
                referrals.requestCancellation(user, r.id(), reason.getValue());
                dialog.close();
                Notices.success(getTranslation("referral.cancellationSent"));
                show(r.id());
            } catch (ValidationException ex) {
                reason.setErrorMessage(getTranslation("form.error", ex.errors().get(0).message()));
                reason.setInvalid(true);
            } catch (ConflictException | ForbiddenException | NotFoundException ex) {
                dialog.close();
                Notices.error(ex.getMessage());
                show(r.id());
            }
        });
        send.setId("send-cancellation");
        send.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        Button close = new Button(getTranslation("action.close"), e -> dialog.close());
        dialog.add(reason);
        dialog.getFooter().add(new HorizontalLayout(close, send));
        dialog.open();
    }
}
