package hk.carerelay.discharge.ui;

import org.springframework.stereotype.Component;

import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.workflow.ui.CaseContext;

/** Shows the discharge summary above the family doctor's task forms (the read is authorised and audited). */
@Component
class DischargeCaseContext implements CaseContext {

    private final DischargeHandovers handovers;

    DischargeCaseContext(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    @Override
    public String processDefinitionKey() {
        return "discharge-handover";
    }

    @Override
    public com.vaadin.flow.component.Component render(CareRelayUser user, String caseId) {
        return new DischargeSummaryPanel(handovers.details(user, caseId), handovers,
                com.vaadin.flow.component.UI.getCurrent().getLocale());
    }
}
