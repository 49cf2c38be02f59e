package hk.carerelay.access;

/** The sections of a patient's record that the access policy governs separately. */
public enum RecordSection {
    DEMOGRAPHICS,
    CONTACT,
    REFERRAL_SUMMARY,
    DIAGNOSES,
    MEDICATIONS,
    RESULTS,
    DOCUMENTS,
    CONSULTATION_NOTES,
    APPOINTMENTS,
    /** The participants' secure message thread about the case. */
    MESSAGES,
    /** A discharge handover: the summary sent to the family doctor, its follow-up and late results. */
    DISCHARGE,
    /** A cross-department consultation: the question and the consulted department's opinion. */
    CONSULTATION
}
