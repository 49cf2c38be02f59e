package hk.carerelay.consultation.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.annotation.SpringComponent;

import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.workflow.ui.CaseContext;

/** Shows the consultation (question, shared referral sections, opinion once written) above its tasks' forms. */
@SpringComponent
class ConsultationCaseContext implements CaseContext {

    private final ConsultationService consultations;
    private final Directory directory;

    ConsultationCaseContext(ConsultationService consultations, Directory directory) {
        this.consultations = consultations;
        this.directory = directory;
    }

    @Override
    public String processDefinitionKey() {
        return "consultation";
    }

    @Override
    public Component render(CareRelayUser user, String caseId) {
        return new ConsultationSummary(consultations.details(user, caseId), directory);
    }
}
