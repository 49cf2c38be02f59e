package hk.carerelay.consent.ui;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import hk.carerelay.consent.Consent;
import hk.carerelay.consent.ConsentRequest;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.consent.ConsentStatus;
import hk.carerelay.consent.SubstituteRelationship;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.DateFields;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/**
 * Capturing a patient's consent to share a referral in the clinic: the decision, its scope and validity, the
 * patient's capacity and (under 16 or without capacity) who decides for them, the drawn signature, and the signed-in
 * doctor as witness. Checked by the same service as the API; the referral's consents are listed with withdrawal.
 */
@Route("referrals/:referralId/consent")
@RolesAllowed("REFERRING_DOCTOR")
public class ConsentCaptureView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConsentService consents;
    private final ReferralService referrals;
    private final Map<String, HasValidation> fields = new HashMap<>();
    private final Div otherErrors = new Div();
    private String referralId;

    public ConsentCaptureView(ConsentService consents, ReferralService referrals) {
        this.consents = consents;
        this.referrals = referrals;
        setMaxWidth("60em");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("consent.title") + " · CareRelay";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        referralId = event.getRouteParameters().get("referralId").orElse("");
        show();
    }

    private void show() {
        removeAll();
        fields.clear();
        CareRelayUser user = CurrentUser.require();
        add(new H2(getTranslation("consent.title")), new Anchor("referrals/" + referralId,
                getTranslation("documents.backToReferral")));
        Referral referral;
        List<Consent> existing;
        try {
            referral = referrals.get(user, referralId);
            existing = consents.forReferral(user, referralId);
        } catch (NotFoundException | ForbiddenException e) {
            add(new Paragraph(e.getMessage()));
            return;
        }
        add(new Paragraph(getTranslation("consent.patient", referral.patientName(), referral.receivingInstitution())));
        add(list(user, existing));
        add(new H3(getTranslation("consent.record")));

        RadioButtonGroup<String> decision = new RadioButtonGroup<>(getTranslation("consent.decision"));
        decision.setItems("GRANTED", "REFUSED");
        decision.setItemLabelGenerator(d -> getTranslation("consent.decision." + d));
        RadioButtonGroup<String> scope = new RadioButtonGroup<>(getTranslation("consent.scope"));
        scope.setItems("REFERRAL", "INSTITUTION");
        scope.setItemLabelGenerator(s -> getTranslation("consent.scope." + s, referral.receivingInstitution()));
        scope.setValue("REFERRAL");
        DatePicker validUntil = DateFields.date(getTranslation("consent.validUntil"));
        validUntil.setHelperText(getTranslation("consent.validUntilHelp"));
        validUntil.setMin(LocalDate.now(HongKongTime.ZONE));
        Checkbox capacity = new Checkbox(getTranslation("consent.capacity"), true);
        capacity.setId("consent-capacity");
        TextField substituteName = new TextField(getTranslation("consent.substituteName"));
        Select<SubstituteRelationship> relationship = new Select<>();
        relationship.setLabel(getTranslation("consent.substituteRelationship"));
        relationship.setItems(SubstituteRelationship.values());
        relationship.setItemLabelGenerator(r -> getTranslation("consent.relationship." + r.name()));
        boolean child = referral.patientDateOfBirth() != null
                && referral.patientDateOfBirth().plusYears(16).isAfter(LocalDate.now(HongKongTime.ZONE));
        Paragraph childNote = new Paragraph(getTranslation("consent.under16"));
        childNote.setVisible(child);
        Runnable substituteVisibility = () -> {
            boolean needed = child || !capacity.getValue();
            substituteName.setVisible(needed);
            relationship.setVisible(needed);
            if (!needed) {
                substituteName.clear();
                relationship.clear();
            }
        };
        capacity.addValueChangeListener(e -> substituteVisibility.run());
        substituteVisibility.run();

        register("decision", decision, "consent-decision");
        register("scope", scope, "consent-scope");
        register("validUntil", validUntil, "consent-valid-until");
        register("substituteName", substituteName, "substitute-name");
        register("substituteRelationship", relationship, "substitute-relationship");

        FormLayout form = new FormLayout(decision, scope, validUntil, capacity, substituteName, relationship);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36em", 2));

        SignaturePad pad = new SignaturePad();
        Div signatureError = new Div();
        signatureError.setId("signature-error");
        signatureError.getStyle().set("color", "var(--lumo-error-text-color)");
        Button clear = new Button(getTranslation("consent.clearSignature"), e -> pad.clear());
        clear.setId("clear-signature");
        Paragraph witness = new Paragraph(getTranslation("consent.witness", user.displayName(), user.username()));
        witness.setId("consent-witness");
        otherErrors.getStyle().set("color", "var(--lumo-error-text-color)");

        Button save = new Button(getTranslation("consent.save"), e -> {
            fields.values().forEach(f -> f.setInvalid(false));
            otherErrors.setText("");
            signatureError.setText("");
            boolean standing = "INSTITUTION".equals(scope.getValue());
            ConsentRequest request = new ConsentRequest(scope.getValue(), standing ? null : referralId,
                    standing ? referral.patientHkid() : null, standing ? referral.receivingInstitution() : null,
                    decision.getValue(), validUntil.getValue() == null ? null : validUntil.getValue().toString(),
                    capacity.getValue(), substituteName.getValue(),
                    relationship.getValue() == null ? null : relationship.getValue().name(), pad.signature());
            try {
                Consent consent = consents.record(user, request);
                Notices.success(getTranslation("consent.saved." + consent.status().name()));
                show();
            } catch (ValidationException ex) {
                for (FieldError error : ex.errors()) {
                    HasValidation field = fields.get(error.field());
                    if (field != null) {
                        field.setErrorMessage(getTranslation("form.error", error.message()));
                        field.setInvalid(true);
                    } else if ("signature".equals(error.field())) {
                        signatureError.setText(getTranslation("consent.signatureError", error.message()));
                    } else {
                        otherErrors.setText(otherErrors.getText() + error.field() + ": " + error.message() + "\n");
                    }
                }
            } catch (ForbiddenException | NotFoundException ex) {
                Notices.error(ex.getMessage());
            }
        });
        save.setId("record-consent");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(form, childNote, new Paragraph(getTranslation("consent.signHere")), pad, new HorizontalLayout(clear),
                signatureError, witness, otherErrors, save);
    }

    private Component list(CareRelayUser user, List<Consent> existing) {
        if (existing.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("consent.none"));
            none.setId("consent-none");
            return none;
        }
        Grid<Consent> grid = new Grid<>();
        grid.setId("consent-grid");
        grid.addColumn(c -> getTranslation("consent.status." + c.status().name()))
                .setHeader(getTranslation("consent.statusHeader")).setAutoWidth(true);
        grid.addColumn(c -> getTranslation("consent.scope." + c.scope().name(), c.receivingInstitution()))
                .setHeader(getTranslation("consent.scope")).setAutoWidth(true);
        grid.addColumn(c -> HongKongTime.format(c.validFrom()) + " – " + HongKongTime.format(c.validUntil()))
                .setHeader(getTranslation("consent.validity")).setAutoWidth(true);
        grid.addColumn(c -> c.witness()).setHeader(getTranslation("consent.witnessHeader")).setAutoWidth(true);
        grid.addComponentColumn(c -> {
            Anchor form = new Anchor("api/consents/" + c.id() + "/form", getTranslation("consent.form"));
            form.setTarget("_blank");
            return form;
        }).setHeader(getTranslation("consent.form")).setAutoWidth(true);
        grid.setItems(existing);
        grid.setAllRowsVisible(true);
        VerticalLayout list = new VerticalLayout(grid);
        list.setPadding(false);
        for (Consent c : existing) {
            if (c.status() == ConsentStatus.GRANTED) {
                Button withdraw = new Button(getTranslation("consent.withdrawOne", HongKongTime.format(c.recordedAt())),
                        e -> withdraw(user, c));
                withdraw.setId("withdraw-" + c.id());
                withdraw.addThemeVariants(ButtonVariant.LUMO_ERROR);
                list.add(withdraw);
            }
        }
        return list;
    }

    private void withdraw(CareRelayUser user, Consent consent) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("consent.withdraw"));
        TextArea reason = new TextArea(getTranslation("consent.withdrawReason"));
        reason.setId("withdraw-reason");
        reason.setMaxLength(2000);
        Button confirm = new Button(getTranslation("consent.withdrawConfirm"), e -> {
            try {
                consents.withdraw(user, consent.id(), reason.getValue());
                dialog.close();
                Notices.success(getTranslation("consent.withdrawn"));
                show();
            } catch (ValidationException ex) {
                reason.setErrorMessage(getTranslation("form.error", ex.errors().get(0).message()));
                reason.setInvalid(true);
            } catch (ConflictException | ForbiddenException | NotFoundException ex) {
                Notices.error(ex.getMessage());
                dialog.close();
            }
        });
        confirm.setId("confirm-withdrawal");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.add(reason);
        dialog.getFooter().add(new Button(getTranslation("consent.close"), e -> dialog.close()), confirm);
        dialog.open();
    }

    private void register(String field, HasValidation component, String id) {
        fields.put(field, component);
        ((Component) component).setId(id);
    }
}
