package hk.carerelay.sla;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordSlaBreachHandled: the managers have dealt with the breach; its clock row says when. */
@Component("recordSlaBreachHandledDelegate")
class RecordSlaBreachHandledDelegate implements JavaDelegate {

    private final SlaClocks clocks;
    private final Clock clock;

    RecordSlaBreachHandledDelegate(SlaClocks clocks, Clock clock) {
        this.clocks = clocks;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        clocks.breachHandled(execution.getProcessBusinessKey(), clock.instant());
    }
}
