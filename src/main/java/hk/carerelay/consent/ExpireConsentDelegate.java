package hk.carerelay.consent;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ExpireConsent: the validity ended; the consent expires and sharing stops. */
@Component("expireConsentDelegate")
class ExpireConsentDelegate implements JavaDelegate {

    private final ConsentService consents;

    ExpireConsentDelegate(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consents.expire(execution.getProcessBusinessKey());
    }
}
