package hk.carerelay.referral;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Task_RecordAppointment: takes the booked appointment into the referral; the consultation is due then. */
@Component("recordAppointmentDelegate")
class RecordAppointmentDelegate implements JavaDelegate {

    private final ReferralService referrals;

    RecordAppointmentDelegate(ReferralService referrals) {
        this.referrals = referrals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String referralId = execution.getProcessBusinessKey();
        ReferralVariables.setTransient(execution, ReferralVariables.APPOINTMENT_AT,
                Variables.dateValue(Date.from(referrals.recordAppointment(referralId)), true));
    }
}
