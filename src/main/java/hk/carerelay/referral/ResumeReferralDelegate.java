package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ResumeReferral: cancellation rejected; the referral returns to the status it had. */
@Component("resumeReferralDelegate")
class ResumeReferralDelegate implements JavaDelegate {

    private final ReferralService referrals;

    ResumeReferralDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.resume(execution.getProcessBusinessKey());
    }
}
