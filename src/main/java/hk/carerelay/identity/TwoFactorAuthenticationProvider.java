package hk.carerelay.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import hk.carerelay.crypto.IntegrityException;

/**
 * Checks password and second factor together: the current TOTP code (±1 step, each step accepted once) or one of
 * the user's recovery codes. Every failure gives the same message, so a caller never learns which factor (or
 * whether the account) was wrong; an unknown user still costs one password hash. Failures count towards the lockout;
 * a locked account, or one over its hourly limit, is refused without checking anything.
 */
@Component
class TwoFactorAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(TwoFactorAuthenticationProvider.class);

    static final String FAILURE = "Sign-in failed: the username, password or code is not correct.";

    private final UserDirectory users;
    private final PasswordEncoder passwordEncoder;
    private final SignInAttempts attempts;
    private final RecoveryCodes recoveryCodes;
    private final Clock clock;
    private final TotpSecrets secrets;
    private final String dummyHash;

    TwoFactorAuthenticationProvider(UserDirectory users, PasswordEncoder passwordEncoder, SignInAttempts attempts,
            RecoveryCodes recoveryCodes, Clock clock, TotpSecrets secrets) {
        this.secrets = secrets;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.attempts = attempts;
        this.recoveryCodes = recoveryCodes;
        this.clock = clock;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        TwoFactorAuthentication attempt = (TwoFactorAuthentication) authentication;
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        if (password.length() > 256 || attempt.getName() == null || attempt.getName().length() > 64) {
            throw new BadCredentialsException(FAILURE);
        }
        Optional<UserAccount> found = users.account(attempt.getName());
        boolean passwordOk = passwordEncoder.matches(password, found.map(UserAccount::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !found.get().enabled()) {
            throw new BadCredentialsException(FAILURE);
        }
        UserAccount account = found.get();
        Instant now = clock.instant();
        if (account.isLocked(now) || attempts.overHourlyLimit(account.username())) {
            throw new BadCredentialsException(FAILURE);
        }
        if (passwordOk && !account.totpEnrolled()) {
            throw new EnrolmentRequired(account.username());
        }
        long step = -2;
        if (passwordOk) {
            OptionalLong totp = totpStep(account, attempt.code(), now);
            if (totp.isPresent() && totp.getAsLong() > account.totpLastStep()) {
                step = totp.getAsLong();
            } else if (RecoveryCodes.looksLikeCode(attempt.code())
                    && recoveryCodes.use(account.username(), attempt.code())) {
                step = -1;
            }
        }
        if (step == -2 || !attempts.succeeded(account, step)) {
            attempts.failed(account);
            throw new BadCredentialsException(FAILURE);
        }
        return TwoFactorAuthentication.authenticated(account.toUser());
    }

    /** The step the code matches; none if it does not, or if the stored secret fails its integrity check. */
    private OptionalLong totpStep(UserAccount account, String code, Instant now) {
        String secret;
        try {
            secret = secrets.open(account.username(), account.totpSecret());
        } catch (IntegrityException e) {
            log.error("The two-factor secret of {} fails its integrity check ({}); only a recovery code can sign in "
                    + "until an administrator resets the second factor", account.username(), e.getMessage());
            return OptionalLong.empty();
        }
        return Totp.matchingStep(secret, code, now);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return TwoFactorAuthentication.class.isAssignableFrom(authentication);
    }
}
