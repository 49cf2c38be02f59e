package hk.carerelay.message;

/**
 * The kind of case a message thread belongs to; a thread is keyed by the case type and the case's id. Each names the
 * case as the audit log records it and as a refusal speaks of it.
 */
public enum CaseType {
    REFERRAL("Referral", "referral"),
    /** A cross-department consultation (ADR 0018). */
    CONSULTATION("Consultation", "consultation"),
    /** A discharge handover to the family doctor (ADR 0017). */
    DISCHARGE("DischargeHandover", "discharge handover");

    private final String objectType;
    private final String noun;

    CaseType(String objectType, String noun) {
        this.objectType = objectType;
        this.noun = noun;
    }

    /** What the audit log calls the case. */
    public String objectType() {
        return objectType;
    }

    /** The case in the words of a refusal. */
    public String noun() {
        return noun;
    }
}
