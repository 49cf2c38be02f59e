package hk.carerelay.consultation.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.access.RecordSection;
import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationRequest;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * A doctor's consultations: asking another department (standalone, or from a referral page with {@code ?referral=}),
 * the ones they asked and the ones their department was asked. Checked by the same service as the API.
 */
@Route("consultations")
@Menu(order = 3.5, title = "nav.consultations", icon = "vaadin:doctor")
@RolesAllowed("SPECIALIST")
public class ConsultationsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConsultationService consultations;
    private final Map<String, HasValidation> fields = new HashMap<>();
    private final Div otherErrors = new Div();
    private final TextField referral = new TextField();
    private final Details ask = new Details();
    private final Grid<Consultation> mine = grid("consultations-mine");
    private final Grid<Consultation> department = grid("consultations-department");

    public ConsultationsView(ConsultationService consultations, Directory directory) {
        this.consultations = consultations;
        setMaxWidth("70em");
        CareRelayUser user = CurrentUser.require();

        ComboBox<Specialty> consulted = new ComboBox<>(getTranslation("consultation.department"));
        consulted.setItems(directory.specialties().stream().filter(s -> !s.code().equals(user.department())).toList());
        consulted.setItemLabelGenerator(s -> s.name(getLocale()));
        RadioButtonGroup<String> urgency = new RadioButtonGroup<>(getTranslation("newReferral.urgency"));
        urgency.setItems("ROUTINE", "URGENT");
        urgency.setItemLabelGenerator(u -> getTranslation("urgency." + u));
        urgency.setValue("ROUTINE");
        TextArea question = new TextArea(getTranslation("consultation.question"));
        question.setMaxLength(10000);
        question.setMinHeight("8em");
        referral.setLabel(getTranslation("consultation.referral"));
        referral.setHelperText(getTranslation("consultation.referralHelp"));
        CheckboxGroup<RecordSection> shared = new CheckboxGroup<>(getTranslation("consultation.sharedSections"));
        shared.setItems(new ArrayList<>(ConsultationService.SHAREABLE).stream().sorted().toList());
        shared.setItemLabelGenerator(s -> getTranslation("section." + s.name()));
        TextField hkid = new TextField(getTranslation("newReferral.hkid"));
        hkid.setHelperText(getTranslation("consultation.hkidHelp"));

        register("consultedDepartment", consulted, "consulted-department");
        register("urgency", urgency, "consultation-urgency");
        register("question", question, "consultation-question");
        register("referralId", referral, "consultation-referral");
        register("sharedSections", shared, "consultation-shared-sections");
        register("patientHkid", hkid, "consultation-hkid");
        FormLayout form = new FormLayout(consulted, urgency, question, referral, shared, hkid);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36em", 2));
        form.setColspan(question, 2);
        form.setColspan(shared, 2);
        otherErrors.getStyle().set("color", "var(--lumo-error-text-color)");

        Button send = new Button(getTranslation("consultation.send"), e -> {
            fields.values().forEach(f -> f.setInvalid(false));
            otherErrors.setText("");
            ConsultationRequest request = new ConsultationRequest(
                    consulted.getValue() == null ? null : consulted.getValue().code(), urgency.getValue(),
                    question.getValue(), referral.getValue(),
                    shared.getValue().stream().map(Enum::name).toList(), hkid.getValue());
            try {
                Consultation c = consultations.request(CurrentUser.require(), request);
                Notices.success(getTranslation("consultation.sent"));
                getUI().ifPresent(ui -> ui.navigate(ConsultationDetailView.class,
                        new RouteParameters("consultationId", c.id())));
            } catch (ValidationException ex) {
                showErrors(ex);
            } catch (ForbiddenException ex) {
                Notices.error(ex.getMessage());
            }
        });
        send.setId("send-consultation");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ask.setSummaryText(getTranslation("consultation.ask"));
        ask.add(form, otherErrors, send);
        ask.setWidthFull();

        add(new H2(getTranslation("nav.consultations")), ask,
                new H3(getTranslation("consultation.mine")), mine,
                new H3(getTranslation("consultation.department.asked")), department);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> from = event.getLocation().getQueryParameters().getParameters().getOrDefault("referral", List.of());
        if (!from.isEmpty()) {
            referral.setValue(from.get(0));
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
        grid.addColumn(c -> c.requestingDepartment() + " → " + c.consultedDepartment())
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

    private void register(String field, HasValidation component, String id) {
        fields.put(field, component);
        ((Component) component).setId(id);
    }

    private void showErrors(ValidationException ex) {
        StringBuilder other = new StringBuilder();
        for (FieldError error : ex.errors()) {
            HasValidation field = fields.get(error.field());
            if (field != null) {
                field.setErrorMessage(getTranslation("form.error", error.message()));
                field.setInvalid(true);
            } else {
                other.append(error.field()).append(": ").append(error.message()).append('\n');
            }
        }
        otherErrors.setText(other.toString());
    }
}
