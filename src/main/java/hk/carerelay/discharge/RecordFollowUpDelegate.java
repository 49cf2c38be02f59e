package hk.carerelay.discharge;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordFollowUp: the family doctor completed a follow-up item; its outcome is kept with the item. */
@Component("recordFollowUpDelegate")
class RecordFollowUpDelegate implements JavaDelegate {

    static final String OUTCOME = "outcome";

    private final DischargeHandovers handovers;

    RecordFollowUpDelegate(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        handovers.followUpDone((String) execution.getVariable(DischargeVariables.FOLLOW_UP_ID),
                (String) execution.getVariable(OUTCOME));
    }
}
