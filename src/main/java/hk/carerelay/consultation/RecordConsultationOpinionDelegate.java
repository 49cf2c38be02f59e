package hk.carerelay.consultation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordOpinion: the opinion is written; it goes back to the requester to acknowledge. */
@Component("recordConsultationOpinionDelegate")
class RecordConsultationOpinionDelegate implements JavaDelegate {

    private final ConsultationService consultations;

    RecordConsultationOpinionDelegate(ConsultationService consultations) {
        this.consultations = consultations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consultations.answered(execution.getProcessBusinessKey());
    }
}
