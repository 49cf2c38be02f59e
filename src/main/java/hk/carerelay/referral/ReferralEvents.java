package hk.carerelay.referral;

/** Past-tense events of the referral feature, for notifications, audit and metrics to react to. */
public final class ReferralEvents {

    private ReferralEvents() {
    }

    /** A referring doctor sent a referral. */
    public record ReferralSubmitted(String referralId, String sendingUser, String sendingInstitution,
            String receivingInstitution, String specialty, Urgency urgency) {
    }

    /** A referral moved from one status to another. */
    public record ReferralStatusChanged(String referralId, ReferralStatus from, ReferralStatus to, String sendingUser,
            String sendingInstitution, String receivingInstitution, String specialty) {
    }

    /** A clinician opened a referral outside their scope (break-glass); their institution's managers review it. */
    public record EmergencyAccessGranted(String grantId, String referralId, String username, String institution,
            java.time.Instant expiresAt) {
    }

    /** A referral was not triaged within its SLA. */
    public record TriageSlaBreached(String referralId, String receivingInstitution, Urgency urgency) {
    }
}
