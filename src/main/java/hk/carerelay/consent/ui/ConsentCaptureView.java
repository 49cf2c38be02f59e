package hk.carerelay.consent.ui;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import hk.carerelay.consent.Consent;
import hk.carerelay.consent.ConsentRequest;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.consent.ConsentStatus;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.ui.FormRenderer;
import hk.carerelay.ui.Notices;
import hk.carerelay.ui.ReferralSubpage;
import jakarta.annotation.security.RolesAllowed;

/**
 * Capturing a patient's consent to share a referral in the clinic: the consent form ({@code forms/consent/consent.form}
 * through the one {@link FormRenderer}: the decision, its scope and validity, the patient's capacity and, under 16 or
 * without capacity, who decides for them, the drawn signature) and the signed-in doctor as witness. Checked by the
 * same service and form as the API; the referral's consents are listed with withdrawal.
 */
@Route("referrals/:referralId/consent")
@RolesAllowed("REFERRING_DOCTOR")
public class ConsentCaptureView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ConsentService consents;
    private final ReferralService referrals;
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
        CareRelayUser user = CurrentUser.require();
        ReferralSubpage.start(this, getTranslation("consent.title"), referralId);
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

        FormRenderer form = new FormRenderer(consents.form(), getLocale(), consents.formData(referral));
        form.setId("consent-form");
        Paragraph witness = new Paragraph(getTranslation("consent.witness", user.displayName(), user.username()));
        witness.setId("consent-witness");
        Button save = new Button(getTranslation("consent.save"), e -> {
            if (!form.validate()) {
                return;
            }
            Map<String, Object> values = form.values();
            boolean standing = "INSTITUTION".equals(values.get("scope"));
            ConsentRequest request = new ConsentRequest((String) values.get("scope"), standing ? null : referralId,
                    standing ? referral.patientHkid() : null, standing ? referral.receivingInstitution() : null,
                    (String) values.get("decision"), (String) values.get("validUntil"),
                    values.containsKey("patientHasCapacity")
                            ? Boolean.valueOf(String.valueOf(values.get("patientHasCapacity"))) : null,
                    (String) values.get("substituteName"), (String) values.get("substituteRelationship"),
                    (String) values.get("signature"));
            try {
                Consent consent = consents.record(user, request);
                Notices.success(getTranslation("consent.saved." + consent.status().name()));
                show();
            } catch (ValidationException ex) {
                form.showErrors(ex.errors());
            } catch (ForbiddenException | NotFoundException ex) {
                Notices.error(ex.getMessage());
            }
        });
        save.setId("record-consent");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(form, witness, save);
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
}
