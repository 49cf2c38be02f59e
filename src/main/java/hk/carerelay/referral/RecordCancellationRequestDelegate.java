package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordCancellationRequest: the referral waits for the receiving side to confirm the cancellation. */
@Component("recordCancellationRequestDelegate")
class RecordCancellationRequestDelegate implements JavaDelegate {

    private final ReferralService referrals;

    RecordCancellationRequestDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.recordCancellationRequest(execution.getProcessBusinessKey());
    }
}
