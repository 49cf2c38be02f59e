package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordAdditionalInformation: the sender answered; the referral returns to triage. */
@Component("recordAdditionalInformationDelegate")
class RecordAdditionalInformationDelegate implements JavaDelegate {

    private final ReferralService referrals;

    RecordAdditionalInformationDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.recordAdditionalInformation(execution.getProcessBusinessKey());
    }
}
