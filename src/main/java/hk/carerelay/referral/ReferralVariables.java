package hk.carerelay.referral;

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
    static final String TRIAGE_DUE = "triageDue";
    static final String APPOINTMENT_AT = "appointmentAt";
    /** Set by the triage form: ACCEPT, DECLINE, REQUEST_INFO or RETURN_WITH_ADVICE. */
    static final String DECISION = "decision";
    /** Set by the cancellation form: CONFIRM or REJECT. */
    static final String CANCELLATION_DECISION = "cancellationDecision";

    static final String MESSAGE_CANCELLATION_REQUESTED = "CancellationRequested";

    static final String TASK_TRIAGE = "Task_TriageReferral";
    static final String TASK_SCHEDULE = "Task_ScheduleAppointment";
    static final String TASK_CONFIRM_CANCELLATION = "Task_ConfirmCancellation";
    static final String TASK_HANDLE_SLA_BREACH = "Task_HandleSlaBreach";

    private ReferralVariables() {
    }
}
