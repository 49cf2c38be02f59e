package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Task_CheckSharingConsent: whether the patient has consented to share the referral with its receiver (ADR 0019). */
@Component("checkSharingConsentDelegate")
class CheckSharingConsentDelegate implements JavaDelegate {

    private final ReferralService referrals;

    CheckSharingConsentDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReferralVariables.setTransient(execution, ReferralVariables.SHARING_CONSENTED,
                Variables.booleanValue(referrals.sharingConsented(execution.getProcessBusinessKey()), true));
    }
}
