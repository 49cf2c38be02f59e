package hk.carerelay.consultation.ui;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationRequest;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.FormRenderer;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * A doctor's consultations: asking another department (standalone, or from a referral page with {@code ?referral=})
 * with the request form ({@code forms/consultation/consultation-request.form}) through the one {@link FormRenderer},
 * the ones they asked and the ones their department was asked. Checked by the same service and form as the API.
 */
@Route("consultations")
@Menu(order = 3.5, title = "nav.consultations", icon = "vaadin:doctor")
@RolesAllowed("SPECIALIST")
public class ConsultationsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConsultationService consultations;
    private final Directory directory;
    private final FormRenderer form;
    private final Details ask = new Details();
    private final Grid<Consultation> mine = grid("consultations-mine");
    private final Grid<Consultation> department = grid("consultations-department");

    public ConsultationsView(ConsultationService consultations, Directory directory) {
        this.consultations = consultations;
        this.directory = directory;
        setMaxWidth("70em");
        CareRelayUser user = CurrentUser.require();
        form = new FormRenderer(consultations.form(), getLocale(), consultations.formData(user, getLocale()));
        form.setId("consultation-form");

        Button send = new Button(getTranslation("consultation.send"), e -> send());
        send.setId("send-consultation");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ask.setSummaryText(getTranslation("consultation.ask"));
        ask.add(form, send);
        ask.setWidthFull();

        add(new H2(getTranslation("nav.consultations")), ask,
                new H3(getTranslation("consultation.mine")), mine,
                new H3(getTranslation("consultation.department.asked")), department);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> from = event.getLocation().getQueryParameters().getParameters().getOrDefault("referral", List.of());
        if (!from.isEmpty()) {
            form.fill(Map.of("referralId", from.get(0)));
            ask.setOpened(true);
        }
        CareRelayUser user = CurrentUser.require();
        mine.setItems(consultations.list(user, "mine"));
        department.setItems(consultations.list(user, "department"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.consultations") + " · CareRelay";
    }

    private Grid<Consultation> grid(String id) {
        Grid<Consultation> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(c -> HongKongTime.format(c.createdAt())).setHeader(getTranslation("timeline.at"))
                .setAutoWidth(true);
        grid.addColumn(Consultation::patientName).setHeader(getTranslation("consultation.patient")).setAutoWidth(true);
        // the directory is read when the rows are drawn, after the constructor has set it
        grid.addColumn(c -> directory.specialtyName(c.requestingDepartment(), getLocale()) + " → "
                + directory.specialtyName(c.consultedDepartment(), getLocale()))
                .setHeader(getTranslation("consultation.departments")).setAutoWidth(true);
        grid.addColumn(c -> getTranslation("urgency." + c.urgency())).setHeader(getTranslation("newReferral.urgency"))
                .setAutoWidth(true);
        grid.addColumn(c -> getTranslation("consultation.status." + c.status().name()))
                .setHeader(getTranslation("consultation.status")).setAutoWidth(true);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ConsultationDetailView.class,
                new RouteParameters("consultationId", e.getItem().id()))));
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** Sends the request form's values to the service, which checks them against the same form. */
    private void send() {
        if (!form.validate()) {
            return;
        }
        Map<String, Object> values = form.values();
        List<String> sections = values.get("sharedSections") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : null;
        ConsultationRequest request = new ConsultationRequest((String) values.get("consultedDepartment"),
                (String) values.get("urgency"), (String) values.get("question"), (String) values.get("referralId"),
                sections, (String) values.get("patientHkid"));
        try {
            Consultation c = consultations.request(CurrentUser.require(), request);
            Notices.success(getTranslation("consultation.sent"));
            getUI().ifPresent(ui -> ui.navigate(ConsultationDetailView.class,
                    new RouteParameters("consultationId", c.id())));
        } catch (ValidationException ex) {
            form.showErrors(ex.errors());
        } catch (ForbiddenException ex) {
            Notices.error(ex.getMessage());
        }
    }
}
