package hk.carerelay.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;

/**
 * Counts failed sign-ins: after {@code lockout-threshold} in a row the account locks for {@code lockout-duration};
 * never more than {@code max-failures-per-hour} are allowed in an hour. A success resets the count and records the
 * TOTP step it used, so that the same code is refused if it comes again. Writes outside any caller's transaction, so
 * a failure is counted even though the sign-in is refused.
 */
@Component
class SignInAttempts {

    private final JdbcClient jdbc;
    private final SecurityProperties properties;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    SignInAttempts(JdbcClient jdbc, SecurityProperties properties, ApplicationEventPublisher events, AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the account has used up its failures for the past hour. */
    boolean overHourlyLimit(String username) {
        long failures = jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                WHERE username = ? AND action = 'SIGN_IN_FAILED' AND occurred_at > ?""")
                .params(username, clock.instant().minusSeconds(3600).atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
        return failures >= properties.maxFailuresPerHour();
    }

    void failed(UserAccount account) {
        Instant now = clock.instant();
        int attempts = account.failedAttempts() + 1;
        if (attempts >= properties.lockoutThreshold()) {
            Instant until = now.plus(properties.lockoutDuration());
            jdbc.sql("UPDATE app_user SET failed_attempts = 0, locked_until = ? WHERE username = ?")
                    .params(until.atOffset(ZoneOffset.UTC), account.username()).update();
            audit.write(account.toUser(), AuditLog.Event.of(AuditAction.LOCKOUT).outcome("FAILURE")
                    .on("User", account.username()).detail("locked until " + until + " after " + attempts
                            + " failed sign-ins"));
            events.publishEvent(new AccountLocked(account.username(), account.institution(), until));
        } else {
            jdbc.sql("UPDATE app_user SET failed_attempts = ? WHERE username = ?")
                    .params(attempts, account.username()).update();
        }
    }

    /**
     * Records a successful sign-in with the TOTP step it used (-1 for a recovery code). Answers false if the step was
     * accepted before (a replayed code, perhaps in a concurrent sign-in), in which case the sign-in must be refused.
     */
    boolean succeeded(UserAccount account, long step) {
        if (step < 0) {
            jdbc.sql("UPDATE app_user SET failed_attempts = 0 WHERE username = ?").param(account.username()).update();
            return true;
        }
        return jdbc.sql("""
                UPDATE app_user SET failed_attempts = 0, totp_last_step = ?
                WHERE username = ? AND totp_last_step < ?""")
                .params(step, account.username(), step).update() == 1;
    }

    /** Lifts a lock (system administrators). */
    void unlock(String username) {
        jdbc.sql("UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE username = ?").param(username)
                .update();
    }
}
