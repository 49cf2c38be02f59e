package hk.carerelay.identity;

/** What is needed to open an account. The password is hashed before it is stored. */
public record NewUser(String username, String displayName, String password, String totpSecret, Role role,
        String institution, String department) {
}
