package hk.carerelay.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.organisation.Directory;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;

/**
 * Looking after accounts: users change their own password; system administrators create accounts, deactivate and
 * reactivate them (never delete), unlock them and reset passwords. Every change is audited.
 */
@Service
public class Accounts {

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final char[] TEMPORARY_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final Directory directory;
    private final ApiTokens tokens;
    private final SignInAttempts attempts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Accounts(JdbcClient jdbc, UserDirectory users, PasswordEncoder encoder, PasswordPolicy policy, Directory directory,
            ApiTokens tokens, SignInAttempts attempts, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.directory = directory;
        this.tokens = tokens;
        this.attempts = attempts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** An account as the administrator's list shows it. */
    public record Summary(String username, String displayName, Role role, String institution, String department,
            boolean enabled, boolean secondFactorEnrolled, Instant lockedUntil, boolean passwordResetRequired) {
    }

    /** What an administrator enters to open an account. */
    public record Request(String username, String displayName, Role role, String institution, String department) {
    }

    /** A new or reset password, shown to the administrator once, to be passed on to the user. */
    public record TemporaryPassword(String username, String password) {
    }

    public List<Summary> all(CareRelayUser admin) {
        requireAdmin(admin);
        return jdbc.sql("""
                SELECT username, display_name, role, institution_code, department, enabled, totp_enrolled,
                       locked_until, password_reset_required
                FROM app_user ORDER BY username""")
                .query((rs, n) -> {
                    OffsetDateTime locked = rs.getObject(8, OffsetDateTime.class);
                    return new Summary(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getBoolean(7),
                            locked == null ? null : locked.toInstant(), rs.getBoolean(9));
                })
                .list();
    }

    /** Where and whether the user gets e-mail notices (never with patient data: only that something is waiting). */
    public record EmailSettings(String email, boolean notices) {
    }

    public EmailSettings emailSettings(CareRelayUser user) {
        return jdbc.sql("SELECT email, notify_by_email FROM app_user WHERE username = ?").param(user.username())
                .query((rs, n) -> new EmailSettings(rs.getString(1), rs.getBoolean(2))).optional()
                .orElseThrow(() -> new NotFoundException("No user " + user.username() + "."));
    }

    /** Sets the user's own e-mail address and choice; e-mail notices need an address. Audited. */
    @Transactional
    public void changeEmailSettings(CareRelayUser user, String email, boolean notify) {
        String address = email == null || email.isBlank() ? null : email.strip();
        List<FieldError> errors = new ArrayList<>();
        if (address != null && (address.length() > 254 || !EMAIL.matcher(address).matches())) {
            errors.add(new FieldError("email", "is not an e-mail address"));
        }
        if (notify && address == null) {
            errors.add(new FieldError("email", "is needed for e-mail notices"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        int changed = jdbc.sql("UPDATE app_user SET email = ?, notify_by_email = ? WHERE username = ?")
                .params(address, notify, user.username()).update();
        if (changed == 0) {
            throw new NotFoundException("No user " + user.username() + ".");
        }
        audit.write(user, AuditLog.Event.of(AuditAction.UPDATE).on("User", user.username())
                .detail("e-mail notices " + (notify ? "on" : "off")));
    }

    /** Whether the user must choose a new password before doing anything else (after an administrator's reset). */
    public boolean mustChangePassword(CareRelayUser user) {
        return jdbc.sql("SELECT password_reset_required FROM app_user WHERE username = ?").param(user.username())
                .query(Boolean.class).optional().orElse(false);
    }

    @Transactional
    public void changePassword(CareRelayUser user, String current, String next) {
        UserAccount account = users.account(user.username())
                .orElseThrow(() -> new NotFoundException("No user " + user.username() + "."));
        List<FieldError> errors = new ArrayList<>();
        if (current == null || !encoder.matches(current, account.passwordHash())) {
            errors.add(new FieldError("currentPassword", "is not correct"));
        }
        policy.problems(user.username(), next).forEach(p -> errors.add(new FieldError("newPassword", p)));
        if (next != null && current != null && next.equals(current)) {
            errors.add(new FieldError("newPassword", "must differ from the current password"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        setPassword(user.username(), next, false);
        audit.write(user, AuditLog.Event.of(AuditAction.UPDATE).on("User", user.username()).detail("password changed"));
    }

    @Transactional
    public TemporaryPassword create(CareRelayUser admin, Request request) {
        requireAdmin(admin);
        List<FieldError> errors = new ArrayList<>();
        if (request.username() == null || !request.username().matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            errors.add(new FieldError("username", "must be 3 to 64 lower-case letters, digits, dots, dashes or underscores"));
        } else if (users.exists(request.username())) {
            errors.add(new FieldError("username", "is already taken"));
        }
        if (request.displayName() == null || request.displayName().isBlank() || request.displayName().length() > 200) {
            errors.add(new FieldError("displayName", "is required (at most 200 characters)"));
        }
        if (request.role() == null) {
            errors.add(new FieldError("role", "is required"));
        }
        if (request.institution() == null || directory.institution(request.institution()).isEmpty()) {
            errors.add(new FieldError("institution", "is not a known institution"));
        }
        if (request.role() != null && request.role().isDepartmental()
                && (request.department() == null || directory.specialty(request.department()).isEmpty())) {
            errors.add(new FieldError("department", "is required for " + request.role() + " and must be a specialty"));
        } else if (request.department() != null && !request.department().isBlank()
                && directory.specialty(request.department()).isEmpty()) {
            errors.add(new FieldError("department", "is not a known specialty"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String password = temporaryPassword();
        users.create(new NewUser(request.username(), request.displayName().strip(), password, null, request.role(),
                request.institution(), request.department() == null || request.department().isBlank() ? null
                        : request.department()));
        jdbc.sql("UPDATE app_user SET password_reset_required = TRUE WHERE username = ?").param(request.username())
                .update();
        audit.write(admin, AuditLog.Event.of(AuditAction.CONFIGURATION_CHANGE).on("User", request.username())
                .detail("account created: " + request.role() + " at " + request.institution()
                        + (request.department() == null ? "" : " " + request.department())));
        return new TemporaryPassword(request.username(), password);
    }

    @Transactional
    public void setEnabled(CareRelayUser admin, String username, boolean enabled) {
        requireAdmin(admin);
        if (admin.username().equals(username) && !enabled) {
            throw new ConflictException("You cannot deactivate your own account.");
        }
        requireChanged(jdbc.sql("UPDATE app_user SET enabled = ? WHERE username = ?").params(enabled, username).update(),
                username);
        if (!enabled) {
            tokens.revokeAll(username);
        }
        audit.write(admin, AuditLog.Event.of(AuditAction.CONFIGURATION_CHANGE).on("User", username)
                .detail(enabled ? "account reactivated" : "account deactivated"));
        users.find(username).ifPresent(u -> events.publishEvent(new UserAccountChanged(u)));
    }

    @Transactional
    public void unlock(CareRelayUser admin, String username) {
        requireAdmin(admin);
        if (!users.exists(username)) {
            throw new NotFoundException("No user " + username + ".");
        }
        attempts.unlock(username);
        audit.write(admin, AuditLog.Event.of(AuditAction.CONFIGURATION_CHANGE).on("User", username)
                .detail("account unlocked"));
    }

    @Transactional
    public TemporaryPassword resetPassword(CareRelayUser admin, String username) {
        requireAdmin(admin);
        if (!users.exists(username)) {
            throw new NotFoundException("No user " + username + ".");
        }
        String password = temporaryPassword();
        setPassword(username, password, true);
        audit.write(admin, AuditLog.Event.of(AuditAction.CONFIGURATION_CHANGE).on("User", username)
                .detail("password reset"));
        return new TemporaryPassword(username, password);
    }

    private void setPassword(String username, String password, boolean resetRequired) {
        jdbc.sql("""
                UPDATE app_user SET password_hash = ?, password_changed_at = ?, password_reset_required = ?
                WHERE username = ?""")
                .params(encoder.encode(password), clock.instant().atOffset(ZoneOffset.UTC), resetRequired, username)
                .update();
        tokens.revokeAll(username);
    }

    private String temporaryPassword() {
        StringBuilder password = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            password.append(TEMPORARY_ALPHABET[random.nextInt(TEMPORARY_ALPHABET.length)]);
        }
        return password.toString();
    }

    private static void requireAdmin(CareRelayUser user) {
        if (user.role() != Role.SYSADMIN) {
            throw new ForbiddenException("Only system administrators manage accounts.");
        }
    }

    private static void requireChanged(int rows, String username) {
        if (rows == 0) {
            throw new NotFoundException("No user " + username + ".");
        }
    }
}
