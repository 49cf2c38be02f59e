package hk.carerelay.identity;

import java.time.Clock;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks password and one-time code together. Every failure gives the same message, so a caller never learns which
 * factor (or whether the account) was wrong; an unknown user still costs one password hash.
 */
@Component
class TwoFactorAuthenticationProvider implements AuthenticationProvider {

    static final String FAILURE = "Sign-in failed: the username, password or code is not correct.";

    private final UserDirectory users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String dummyHash;

    TwoFactorAuthenticationProvider(UserDirectory users, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        TwoFactorAuthentication attempt = (TwoFactorAuthentication) authentication;
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        Optional<UserAccount> account = users.account(attempt.getName());
        boolean passwordOk = passwordEncoder.matches(password, account.map(UserAccount::passwordHash).orElse(dummyHash));
        boolean codeOk = account.map(a -> Totp.verify(a.totpSecret(), attempt.code(), clock.instant())).orElse(false);
        if (account.isEmpty() || !account.get().enabled() || !passwordOk || !codeOk) {
            throw new BadCredentialsException(FAILURE);
        }
        return TwoFactorAuthentication.authenticated(account.get().toUser());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return TwoFactorAuthentication.class.isAssignableFrom(authentication);
    }
}
