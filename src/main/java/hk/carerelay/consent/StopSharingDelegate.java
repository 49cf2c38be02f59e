package hk.carerelay.consent;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_StopSharing: the consent was withdrawn; the referrals it covered stop being shared. */
@Component("stopSharingDelegate")
class StopSharingDelegate implements JavaDelegate {

    private final ConsentService consents;

    StopSharingDelegate(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consents.stopSharing(execution.getProcessBusinessKey());
    }
}
