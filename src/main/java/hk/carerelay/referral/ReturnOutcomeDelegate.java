package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReturnOutcome: the consultation note goes back to the referring doctor. */
@Component("returnOutcomeDelegate")
class ReturnOutcomeDelegate implements JavaDelegate {

    private final ReferralService referrals;

    ReturnOutcomeDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.returnOutcome(execution.getProcessBusinessKey());
    }
}
