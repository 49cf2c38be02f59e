package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordTriageDecision: moves the referral to the status its triage decision leads to, keeping the coded reason
 * of a decline.
 */
@Component("recordTriageDecisionDelegate")
class RecordTriageDecisionDelegate implements JavaDelegate {

    private final ReferralService referrals;

    RecordTriageDecisionDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        referrals.recordTriageDecision(execution.getProcessBusinessKey(),
                (String) execution.getVariable(ReferralVariables.DECISION),
                (String) execution.getVariable(ReferralVariables.DECLINE_REASON_CODE));
    }
}
