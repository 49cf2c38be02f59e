package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Names of the referral process's variables: institutions, specialty, urgency, dates and small decisions, never
 * clinical text. The business key is the referral id; candidate groups are formed from the institutions in the model
 * ({@code ${receivingInstitution}-COORDINATOR}), the same names as {@code CareRelayUser.group}.
 */
final class ReferralVariables {

    static final String PROCESS_KEY = "referral";

    static final String URGENCY = "urgency";
    static final String SPECIALTY = "specialty";
    static final String RECEIVING_INSTITUTION = "receivingInstitution";
    static final String SENDING_INSTITUTION = "sendingInstitution";
    static final String REFERRING_DOCTOR = "referringDoctor";
    /** Transient: read only by the triage task's due date and SLA timer, created in the same command (see below). */
    static final String TRIAGE_DUE = "triageDue";
    /** Transient: read only by the consultation task's due date, created in the same command. */
    static final String APPOINTMENT_AT = "appointmentAt";
    /** Set by the triage form: ACCEPT, DECLINE, REQUEST_INFO or RETURN_WITH_ADVICE. */
    static final String DECISION = "decision";
    /** Set by the triage form with a DECLINE decision: a {@link DeclineReason} code (the free-text reason is not). */
    static final String DECLINE_REASON_CODE = "declineReasonCode";
    /** Set by the cancellation form: CONFIRM or REJECT. */
    static final String CANCELLATION_DECISION = "cancellationDecision";

    /**
     * Set at the sharing step: whether a granted consent covers the referral now. Transient: read only by the gateway
     * that follows in the same command.
     */
    static final String SHARING_CONSENTED = "sharingConsented";
    /** Set by the obtain-consent form: RECHECK or CANCEL. */
    static final String CONSENT_ACTION = "consentAction";

    static final String MESSAGE_CANCELLATION_REQUESTED = "CancellationRequested";
    /** A consent now covers the referral: sharing starts or resumes. */
    static final String MESSAGE_SHARING_CONSENT_GRANTED = "SharingConsentGranted";
    /** The consent that covered the referral was withdrawn or expired: sharing pauses. */
    static final String MESSAGE_SHARING_CONSENT_LOST = "SharingConsentLost";

    static final String TASK_TRIAGE = "Task_TriageReferral";
    static final String TASK_SCHEDULE = "Task_ScheduleAppointment";
    static final String TASK_CONFIRM_CANCELLATION = "Task_ConfirmCancellation";
    static final String TASK_HANDLE_SLA_BREACH = "Task_HandleSlaBreach";
    static final String TASK_OBTAIN_CONSENT = "Task_ObtainConsent";
    static final String TASK_REOBTAIN_CONSENT = "Task_ReobtainConsent";

    private ReferralVariables() {
    }

    /**
     * Sets a variable that a delegate computes for the very next elements of the same command (a gateway, a task's
     * due date, a timer) and that nothing reads later: a transient variable is neither stored nor written to the
     * history, so it costs no rows. The referral row keeps the value where it matters (triage due, appointment), and
     * the activity history shows which way the gateway went. An instance started before this carried the variable as
     * a stored one, which the engine does not let a transient one replace, so that one is removed first.
     */
    static void setTransient(DelegateExecution execution, String name, TypedValue value) {
        if (execution.hasVariable(name) && !execution.getVariableTyped(name).isTransient()) {
            execution.removeVariable(name);
        }
        execution.setVariable(name, value);
    }
}
