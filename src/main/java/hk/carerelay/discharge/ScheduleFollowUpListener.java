package hk.carerelay.discharge;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of each SubProcess_FollowUp instance: puts the item's due date and reminder date (09:00 Hong Kong time) into
 * the instance's own variables, for the task's due date and the two reminder timers.
 */
@Component("scheduleFollowUpListener")
class ScheduleFollowUpListener implements ExecutionListener {

    private final DischargeHandovers handovers;

    ScheduleFollowUpListener(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    @Override
    public void notify(DelegateExecution execution) {
        FollowUp followUp = handovers.followUp((String) execution.getVariable(DischargeVariables.FOLLOW_UP_ID));
        execution.setVariableLocal(DischargeVariables.FOLLOW_UP_DUE, DischargeHandovers.morningOf(followUp.dueOn()));
        execution.setVariableLocal(DischargeVariables.FOLLOW_UP_REMINDER,
                DischargeHandovers.morningOf(followUp.remindOn()));
    }
}
