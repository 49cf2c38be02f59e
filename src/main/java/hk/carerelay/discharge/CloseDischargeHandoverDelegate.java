package hk.carerelay.discharge;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CloseHandover: acknowledged, every follow-up done and every late result reviewed. */
@Component("closeDischargeHandoverDelegate")
class CloseDischargeHandoverDelegate implements JavaDelegate {

    private final DischargeHandovers handovers;

    CloseDischargeHandoverDelegate(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        handovers.closed(execution.getProcessBusinessKey());
    }
}
