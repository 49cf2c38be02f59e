package hk.carerelay.identity;

import org.springframework.security.core.AuthenticationException;

/**
 * Password correct, but the account has no second factor yet: the sign-in view continues with enrolment. The API
 * treats it as any other failure (enrolment happens in the browser only).
 */
public class EnrolmentRequired extends AuthenticationException {

    private final transient String username;

    EnrolmentRequired(String username) {
        super("Two-factor enrolment required");
        this.username = username;
    }

    public String username() {
        return username;
    }
}
