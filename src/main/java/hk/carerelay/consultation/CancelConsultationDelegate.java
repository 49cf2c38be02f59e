package hk.carerelay.consultation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordConsultationCancellation: the requester withdrew the request before it was answered. */
@Component("cancelConsultationDelegate")
class CancelConsultationDelegate implements JavaDelegate {

    private final ConsultationService consultations;

    CancelConsultationDelegate(ConsultationService consultations) {
        this.consultations = consultations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consultations.cancelled(execution.getProcessBusinessKey());
    }
}
