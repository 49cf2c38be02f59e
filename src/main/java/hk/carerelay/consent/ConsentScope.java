package hk.carerelay.consent;

/** What a consent covers. */
public enum ConsentScope {
    /** Sharing one referral (its documents and clinical sections) with the institution it was sent to. */
    REFERRAL,
    /** Standing consent: every referral of the patient to one receiving institution, as eHRSS's sharing consent. */
    INSTITUTION
}
