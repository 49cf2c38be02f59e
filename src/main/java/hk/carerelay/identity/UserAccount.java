package hk.carerelay.identity;

/** A stored account, including its credentials; never leaves the identity package. */
record UserAccount(String username, String displayName, String passwordHash, String totpSecret, Role role,
        String institution, String department, boolean enabled) {

    CareRelayUser toUser() {
        return new CareRelayUser(username, displayName, role, institution, department);
    }
}
