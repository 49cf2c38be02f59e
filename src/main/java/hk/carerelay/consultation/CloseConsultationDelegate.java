package hk.carerelay.consultation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CloseConsultation: the requester acknowledged the opinion; the consultation is complete. */
@Component("closeConsultationDelegate")
class CloseConsultationDelegate implements JavaDelegate {

    private final ConsultationService consultations;

    CloseConsultationDelegate(ConsultationService consultations) {
        this.consultations = consultations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consultations.completed(execution.getProcessBusinessKey());
    }
}
