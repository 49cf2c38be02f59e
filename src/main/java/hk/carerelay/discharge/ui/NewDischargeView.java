package hk.carerelay.discharge.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.discharge.DischargeHandover;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.DateFields;
import hk.carerelay.ui.FormRenderer;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * A hospital doctor starts a handover: the patient, the family doctor (the referral's sender by default) and the
 * discharge summary, rendered from {@code discharge-summary.form} and checked by the same service as the API.
 */
@Route("discharges/new")
@RolesAllowed({"SPECIALIST", "INTERN"})
public class NewDischargeView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DischargeHandovers handovers;
    private final Map<String, HasValidation> fields = new HashMap<>();
    private final Div otherErrors = new Div();
    private final TextField referral = new TextField();
    private final ComboBox<CareRelayUser> familyDoctor = new ComboBox<>();

    public NewDischargeView(DischargeHandovers handovers) {
        this.handovers = handovers;
        setMaxWidth("60em");
        TextField hkid = new TextField(getTranslation("newReferral.hkid"));
        hkid.setId("hkid");
        TextField name = new TextField(getTranslation("newReferral.patientName"));
        name.setId("patient-name");
        DatePicker dob = DateFields.date(getTranslation("newReferral.dateOfBirth"));
        dob.setId("date-of-birth");
        referral.setLabel(getTranslation("discharge.referral"));
        referral.setHelperText(getTranslation("discharge.referralHelp"));
        referral.setId("referral-id");
        familyDoctor.setLabel(getTranslation("discharge.familyDoctor"));
        familyDoctor.setId("family-doctor");
        List<CareRelayUser> doctors = handovers.familyDoctors();
        familyDoctor.setItems(doctors);
        familyDoctor.setItemLabelGenerator(u -> u.displayName() + " (" + u.institution() + ")");
        referral.addValueChangeListener(e -> {
            if (familyDoctor.isEmpty() && !e.getValue().isBlank()) {
                handovers.defaultFamilyDoctor(CurrentUser.require(), e.getValue().strip()).flatMap(
                        username -> doctors.stream().filter(d -> d.username().equals(username)).findFirst())
                        .ifPresent(familyDoctor::setValue);
            }
        });
        fields.put("patient.hkid", hkid);
        fields.put("patient.name", name);
        fields.put("patient.dateOfBirth", dob);
        fields.put("referralId", referral);
        fields.put("familyDoctor", familyDoctor);
        FormLayout patient = new FormLayout(hkid, name, dob, referral, familyDoctor);
        patient.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36em", 2));

        FormRenderer summary = new FormRenderer(handovers.summaryForm(), getLocale());
        summary.setId("discharge-form");
        otherErrors.getStyle().set("color", "var(--lumo-error-text-color)");
        otherErrors.setId("discharge-errors");

        Button send = new Button(getTranslation("discharge.send"), e -> {
            fields.values().forEach(f -> f.setInvalid(false));
            otherErrors.setText("");
            DischargeHandovers.StartRequest request = new DischargeHandovers.StartRequest(
                    new DischargeHandovers.StartRequest.Patient(hkid.getValue(), name.getValue(),
                            dob.getValue() == null ? null : dob.getValue().toString()),
                    familyDoctor.getValue() == null ? null : familyDoctor.getValue().username(), referral.getValue(),
                    summary.values());
            try {
                DischargeHandover handover = handovers.start(CurrentUser.require(), request);
                Notices.success(getTranslation("discharge.sent", handover.familyDoctor()));
                getUI().ifPresent(ui -> ui.navigate(DischargeDetailView.class,
                        new RouteParameters("handoverId", handover.id())));
            } catch (ValidationException ex) {
                List<FieldError> summaryErrors = new ArrayList<>();
                StringBuilder other = new StringBuilder();
                for (FieldError error : ex.errors()) {
                    HasValidation field = fields.get(error.field());
                    if (field != null) {
                        field.setErrorMessage(getTranslation("form.error", error.message()));
                        field.setInvalid(true);
                    } else if (error.field().startsWith("summary.")) {
                        summaryErrors.add(new FieldError(error.field().substring("summary.".length()), error.message()));
                    } else {
                        other.append(error.field()).append(": ").append(error.message()).append('\n');
                    }
                }
                if (!summaryErrors.isEmpty()) {
                    summary.showErrors(summaryErrors);
                }
                otherErrors.setText(other.toString());
            } catch (ForbiddenException ex) {
                Notices.error(ex.getMessage());
            }
        });
        send.setId("send-discharge");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2(getTranslation("discharge.newTitle")), patient, new H3(getTranslation("discharge.summaryTitle")),
                summary, otherErrors, send);
    }

    /** {@code ?referral=<id>} fills the referral in, and with it the family doctor. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("referral").ifPresent(referral::setValue);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("discharge.newTitle") + " · CareRelay";
    }
}
