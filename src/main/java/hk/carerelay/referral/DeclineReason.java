package hk.carerelay.referral;

/**
 * The coded reason a referral was declined at triage, modelled on the NHS e-RS rejection reasons; the triage form
 * asks for it beside the free-text reason so that declines can be counted without reading clinical text.
 */
public enum DeclineReason {
    NOT_APPROPRIATE_SPECIALTY,
    INSUFFICIENT_INFORMATION,
    NOT_MEETING_CRITERIA,
    SERVICE_NOT_PROVIDED,
    DUPLICATE,
    PATIENT_DECLINED,
    OTHER
}
