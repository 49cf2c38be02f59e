package hk.carerelay.consent;

/**
 * A consent as captured in the clinic. {@code scope} REFERRAL needs {@code referralId} (the patient and receiving
 * institution are the referral's); INSTITUTION needs {@code patientHkid} and {@code receivingInstitution}.
 * {@code decision} is GRANTED or REFUSED; {@code validUntil} a date (Hong Kong), the last day the consent holds;
 * {@code signature} the patient's (or substitute's) drawn signature as a PNG data URL or base64.
 */
public record ConsentRequest(String scope, String referralId, String patientHkid, String receivingInstitution,
        String decision, String validUntil, Boolean patientHasCapacity, String substituteName,
        String substituteRelationship, String signature) {
}
