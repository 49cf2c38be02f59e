package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CancelReferral: cancellation confirmed; the referral ends as CANCELLED. */
@Component("cancelReferralDelegate")
class CancelReferralDelegate implements JavaDelegate {

    private final ReferralService referrals;

    CancelReferralDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.cancel(execution.getProcessBusinessKey());
    }
}
