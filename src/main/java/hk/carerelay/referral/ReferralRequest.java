package hk.carerelay.referral;

/**
 * A new referral as a referring doctor sends it. Fields are strings so that every bad value gets a named field error
 * rather than a parse failure.
 */
public record ReferralRequest(Patient patient, String receivingInstitution, String specialty, String urgency,
        String reason, String clinicalSummary) {

    public record Patient(String hkid, String name, String dateOfBirth) {
    }
}
