package hk.carerelay.discharge;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RemindBeforeDue and Task_RemindOnDueDate: tell the family doctor a follow-up item is due soon, or today. */
@Component("remindFollowUpDelegate")
class RemindFollowUpDelegate implements JavaDelegate {

    private final DischargeHandovers handovers;

    RemindFollowUpDelegate(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        handovers.remind((String) execution.getVariable(DischargeVariables.FOLLOW_UP_ID),
                !DischargeVariables.TASK_REMIND_BEFORE_DUE.equals(execution.getCurrentActivityId()));
    }
}
