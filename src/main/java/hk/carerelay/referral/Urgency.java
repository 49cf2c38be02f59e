package hk.carerelay.referral;

/** How soon the receiving side must triage: URGENT within hours, ROUTINE within days (configurable SLA). */
public enum Urgency {
    ROUTINE,
    URGENT
}
