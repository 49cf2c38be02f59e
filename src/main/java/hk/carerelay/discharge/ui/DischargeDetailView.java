package hk.carerelay.discharge.ui;

import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.organisation.Directory;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * One handover for its participants; the hospital side records late results here. Other features contribute parts
 * (the message thread).
 */
@Route("discharges/:handoverId")
@RolesAllowed({"SPECIALIST", "INTERN", "REFERRING_DOCTOR", "NURSE", "COORDINATOR", "ADMIN_STAFF", "MANAGER"})
public class DischargeDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DischargeHandovers handovers;
    private final ObjectProvider<DischargePanel> panels;
    private final UserDirectory users;
    private final Directory directory;

    public DischargeDetailView(DischargeHandovers handovers, ObjectProvider<DischargePanel> panels,
            UserDirectory users, Directory directory) {
        this.handovers = handovers;
        this.panels = panels;
        this.users = users;
        this.directory = directory;
        setMaxWidth("60em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        show(CurrentUser.require(), event.getRouteParameters().get("handoverId").orElse(""));
    }

    private void show(CareRelayUser user, String id) {
        removeAll();
        DischargeHandovers.Details details;
        try {
            details = handovers.details(user, id);
        } catch (NotFoundException | ForbiddenException e) {
            H2 heading = new H2(getTranslation("discharge.unavailable"));
            heading.setId("discharge-unavailable");
            add(heading, new Paragraph(e.getMessage()));
            return;
        }
        H2 heading = new H2(getTranslation("discharge.title", details.handover().patientName()));
        heading.setId("discharge-title");
        add(heading, new DischargeSummaryPanel(details, handovers, users, directory, getLocale()));
        if (details.mayRecordResults()) {
            details.results().stream().filter(r -> r.result() == null).forEach(r -> {
                TextArea result = new TextArea(getTranslation("discharge.recordResult", r.test()));
                result.setId("result-" + r.itemNo());
                result.setWidthFull();
                Button save = new Button(getTranslation("discharge.saveResult"), e -> {
                    try {
                        handovers.recordResult(CurrentUser.require(), id, r.itemNo(), result.getValue());
                        Notices.success(getTranslation("discharge.resultSaved"));
                        show(CurrentUser.require(), id);
                    } catch (ValidationException ex) {
                        result.setErrorMessage(getTranslation("form.error", ex.errors().get(0).message()));
                        result.setInvalid(true);
                    } catch (ConflictException | ForbiddenException ex) {
                        Notices.error(ex.getMessage());
                    }
                });
                save.setId("save-result-" + r.itemNo());
                add(new H4(r.test()), new HorizontalLayout(result, save));
            });
        }
        panels.orderedStream().forEach(p -> p.panel(user, id).ifPresent(this::add));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("discharge.listTitle") + " · CareRelay";
    }
}
