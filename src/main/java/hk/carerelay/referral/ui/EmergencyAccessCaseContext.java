package hk.carerelay.referral.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;

import hk.carerelay.audit.AuditEntry;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.EmergencyAccess;
import hk.carerelay.referral.EmergencyGrant;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.workflow.ui.CaseContext;

/** Shows the manager who reviews an emergency access who opened what, when, and the reason they gave. */
@SpringComponent
class EmergencyAccessCaseContext implements CaseContext {

    private final EmergencyAccess emergencyAccess;

    EmergencyAccessCaseContext(EmergencyAccess emergencyAccess) {
        this.emergencyAccess = emergencyAccess;
    }

    @Override
    public String processDefinitionKey() {
        return "emergency-access-review";
    }

    @Override
    public Component render(CareRelayUser user, String caseId) {
        return new GrantSummary(emergencyAccess.forReview(user, caseId), emergencyAccess);
    }

    private static final class GrantSummary extends Composite<VerticalLayout> {

        GrantSummary(EmergencyGrant grant, EmergencyAccess emergencyAccess) {
            FormLayout facts = new FormLayout();
            facts.setId("emergency-grant");
            facts.addFormItem(new Span(grant.username()), getTranslation("emergency.review.who"));
            facts.addFormItem(new Span(HongKongTime.format(grant.grantedAt())), getTranslation("emergency.review.when"));
            facts.addFormItem(new Span(HongKongTime.format(grant.expiresAt())), getTranslation("emergency.review.until"));
            facts.addFormItem(new Span(grant.referralId()), getTranslation("emergency.review.referral"));
            Span reason = new Span(grant.reason());
            reason.setId("emergency-grant-reason");
            facts.addFormItem(reason, getTranslation("emergency.review.reason"));
            Grid<AuditEntry> uses = new Grid<>();
            uses.setId("emergency-grant-uses");
            uses.addThemeVariants(GridVariant.LUMO_COMPACT);
            uses.addColumn(e -> HongKongTime.format(e.occurredAt())).setHeader(getTranslation("timeline.at"))
                    .setAutoWidth(true);
            uses.addColumn(AuditEntry::detail).setHeader(getTranslation("timeline.event")).setFlexGrow(1);
            uses.setItems(emergencyAccess.usesOf(grant));
            uses.setAllRowsVisible(true);
            getContent().add(facts, new H3(getTranslation("emergency.review.views")), uses);
        }
    }
}
