package hk.carerelay.referral;

/**
 * What narrows a worklist besides the list itself: scope, specialty code, urgency and a text (part of the patient's
 * name, a referral id or an HKID). Null means "any". Validated by {@link Worklists} before any query runs.
 */
public record WorklistFilter(WorklistScope scope, String specialty, Urgency urgency, String text) {

    public static final WorklistFilter ORGANISATION = new WorklistFilter(WorklistScope.ORGANISATION, null, null, null);
}
