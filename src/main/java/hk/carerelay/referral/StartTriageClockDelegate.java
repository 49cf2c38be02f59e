package hk.carerelay.referral;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Task_StartTriageClock: computes the triage due time from the urgency; the task's due date and SLA timer use it. */
@Component("startTriageClockDelegate")
class StartTriageClockDelegate implements JavaDelegate {

    private final ReferralService referrals;

    StartTriageClockDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String referralId = execution.getProcessBusinessKey();
        Urgency urgency = Urgency.valueOf((String) execution.getVariable(ReferralVariables.URGENCY));
        ReferralVariables.setTransient(execution, ReferralVariables.TRIAGE_DUE,
                Variables.dateValue(Date.from(referrals.startTriageClock(referralId, urgency)), true));
    }
}
