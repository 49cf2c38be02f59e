package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifySlaBreach: the triage SLA passed; the receiving institution's managers are told. */
@Component("notifySlaBreachDelegate")
class NotifySlaBreachDelegate implements JavaDelegate {

    private final ReferralService referrals;

    NotifySlaBreachDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.triageSlaBreached(execution.getProcessBusinessKey());
    }
}
