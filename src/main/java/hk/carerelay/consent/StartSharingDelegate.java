package hk.carerelay.consent;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_StartSharing: referrals waiting for this consent go on to be shared. */
@Component("startSharingDelegate")
class StartSharingDelegate implements JavaDelegate {

    private final ConsentService consents;

    StartSharingDelegate(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consents.startSharing(execution.getProcessBusinessKey());
    }
}
