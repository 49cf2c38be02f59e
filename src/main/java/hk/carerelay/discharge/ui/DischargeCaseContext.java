package hk.carerelay.discharge.ui;

import org.springframework.stereotype.Component;

import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.organisation.Directory;
import hk.carerelay.workflow.ui.CaseContext;

/** Shows the discharge summary above the family doctor's task forms (the read is authorised and audited). */
@Component
class DischargeCaseContext implements CaseContext {

    private final DischargeHandovers handovers;
    private final UserDirectory users;
    private final Directory directory;

    DischargeCaseContext(DischargeHandovers handovers, UserDirectory users, Directory directory) {
        this.handovers = handovers;
        this.users = users;
        this.directory = directory;
    }

    @Override
    public String processDefinitionKey() {
        return "discharge-handover";
    }

    @Override
    public com.vaadin.flow.component.Component render(CareRelayUser user, String caseId) {
        return new DischargeSummaryPanel(handovers.details(user, caseId), handovers, users, directory,
                com.vaadin.flow.component.UI.getCurrent().getLocale());
    }
}
