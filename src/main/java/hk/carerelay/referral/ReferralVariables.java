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
    /** Set by the triage form with a DECLINE decision: a {@link DeclineReason} code (the free-text reason is not). */
    static final String DECLINE_REASON_CODE = "declineReasonCode";
    /** Set by the cancellation form: CONFIRM or REJECT. */
    static final String CANCELLATION_DECISION = "cancellationDecision";

    /** Set at the sharing step: whether a granted consent covers the referral now. */
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
}
