package hk.carerelay.referral;

import java.time.Instant;

/**
 * An emergency-access (break-glass) grant: who opened which referral outside their scope, why, until when, and how
 * the managers' review came out (null while it is pending).
 */
public record EmergencyGrant(String id, String referralId, String username, String institution, String reason,
        Instant grantedAt, Instant expiresAt, String processInstanceId, String reviewOutcome, String reviewedBy,
        String reviewComment, Instant reviewedAt) {

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
