package hk.carerelay.discharge;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordAcknowledgement: the family doctor has read the summary and taken over care. */
@Component("recordDischargeAcknowledgementDelegate")
class RecordDischargeAcknowledgementDelegate implements JavaDelegate {

    private final DischargeHandovers handovers;

    RecordDischargeAcknowledgementDelegate(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        handovers.acknowledged(execution.getProcessBusinessKey());
    }
}
