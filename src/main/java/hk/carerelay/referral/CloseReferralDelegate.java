package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CloseReferral: the sender acknowledged the outcome; the loop is closed. */
@Component("closeReferralDelegate")
class CloseReferralDelegate implements JavaDelegate {

    private final ReferralService referrals;

    CloseReferralDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.close(execution.getProcessBusinessKey());
    }
}
