package hk.carerelay.referral.ui;

import java.util.HashMap;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.identity.CurrentUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.DateFields;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/** The referral letter a family doctor sends; checked by the same service as the API, errors shown per field. */
@Route("referrals/new")
@Menu(order = 3, title = "nav.newReferral", icon = "vaadin:plus-circle-o")
@RolesAllowed("REFERRING_DOCTOR")
public class NewReferralView extends VerticalLayout implements HasDynamicTitle {

    private final Map<String, HasValidation> fields = new HashMap<>();
    private final Div otherErrors = new Div();

    public NewReferralView(ReferralService referrals, Directory directory) {
        setMaxWidth("50em");
        TextField hkid = new TextField(getTranslation("newReferral.hkid"));
        hkid.setPlaceholder("A123456(3)");
        hkid.setHelperText(getTranslation("newReferral.hkidHelp"));
        TextField name = new TextField(getTranslation("newReferral.patientName"));
        DatePicker dob = DateFields.date(getTranslation("newReferral.dateOfBirth"));
        Select<Institution> receiving = new Select<>();
        receiving.setLabel(getTranslation("newReferral.receivingInstitution"));
        receiving.setItems(directory.receivingInstitutions());
        receiving.setItemLabelGenerator(i -> i.name(getLocale()) + " (" + i.code() + ")");
        ComboBox<Specialty> specialty = new ComboBox<>(getTranslation("newReferral.specialty"));
        specialty.setItems(directory.specialties());
        specialty.setItemLabelGenerator(s -> s.name(getLocale()));
        RadioButtonGroup<String> urgency = new RadioButtonGroup<>(getTranslation("newReferral.urgency"));
        urgency.setItems("ROUTINE", "URGENT");
        urgency.setItemLabelGenerator(u -> getTranslation("urgency." + u));
        urgency.setValue("ROUTINE");
        TextField reason = new TextField(getTranslation("referral.reason"));
        reason.setMaxLength(2000);
        TextArea summary = new TextArea(getTranslation("referral.clinicalSummary"));
        summary.setMaxLength(10000);
        summary.setMinHeight("10em");
        summary.setHelperText(getTranslation("newReferral.summaryHelp"));

        register("patient.hkid", hkid, "hkid");
        register("patient.name", name, "patient-name");
        register("patient.dateOfBirth", dob, "date-of-birth");
        register("receivingInstitution", receiving, "receiving-institution");
        register("specialty", specialty, "specialty");
        register("urgency", urgency, "urgency");
        register("reason", reason, "reason");
        register("clinicalSummary", summary, "clinical-summary");

        FormLayout form = new FormLayout(hkid, name, dob, receiving, specialty, urgency, reason, summary);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36em", 2));
        form.setColspan(reason, 2);
        form.setColspan(summary, 2);
        otherErrors.getStyle().set("color", "var(--lumo-error-text-color)");

        Button send = new Button(getTranslation("newReferral.send"), e -> {
            fields.values().forEach(f -> f.setInvalid(false));
            otherErrors.setText("");
            ReferralRequest request = new ReferralRequest(
                    new ReferralRequest.Patient(hkid.getValue(), name.getValue(),
                            dob.getValue() == null ? (dob.isInvalid() ? "invalid" : null) : dob.getValue().toString()),
                    receiving.getValue() == null ? null : receiving.getValue().code(),
                    specialty.getValue() == null ? null : specialty.getValue().code(), urgency.getValue(),
                    reason.getValue(), summary.getValue());
            try {
                Referral referral = referrals.submit(CurrentUser.require(), request);
                Notices.success(getTranslation("newReferral.sent", referral.patientName()));
                getUI().ifPresent(ui -> ui.navigate(ReferralDetailView.class,
                        new RouteParameters("referralId", referral.id())));
            } catch (ValidationException ex) {
                showErrors(ex);
            } catch (ForbiddenException ex) {
                Notices.error(ex.getMessage());
            }
        });
        send.setId("send-referral");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2(getTranslation("newReferral.title")), form, otherErrors, send);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("newReferral.title") + " · CareRelay";
    }

    private void register(String field, HasValidation component, String id) {
        fields.put(field, component);
        ((Component) component).setId(id);
        ((HasValue<?, ?>) component).setRequiredIndicatorVisible(true);
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
