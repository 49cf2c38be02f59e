package hk.carerelay.message;

/** The kind of case a message thread belongs to; a thread is keyed by the case type and the case's id. */
public enum CaseType {
    REFERRAL,
    /** A cross-department consultation (ADR 0018). */
    CONSULTATION,
    /** A discharge handover to the family doctor (ADR 0017). */
    DISCHARGE
}
