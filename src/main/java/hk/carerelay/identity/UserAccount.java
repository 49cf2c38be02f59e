package hk.carerelay.identity;

import java.time.Instant;

/** A stored account, including its credentials and sign-in state; never leaves the identity package. */
record UserAccount(String username, String displayName, String passwordHash, String totpSecret, Role role,
        String institution, String department, boolean enabled, boolean totpEnrolled, long totpLastStep,
        int failedAttempts, Instant lockedUntil) {

    CareRelayUser toUser() {
        return new CareRelayUser(username, displayName, role, institution, department);
    }

    boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
