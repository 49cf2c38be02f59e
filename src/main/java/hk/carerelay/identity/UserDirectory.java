package hk.carerelay.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** CareRelay's user accounts: the one source that the engine's users and groups are kept in step with. */
@Service
public class UserDirectory {

    private static final String COLUMNS = "username, display_name, password_hash, totp_secret, role, institution_code, "
            + "department, enabled, totp_enrolled, totp_last_step, failed_attempts, locked_until";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final TotpSecrets secrets;

    UserDirectory(JdbcClient jdbc, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
            TotpSecrets secrets) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.secrets = secrets;
    }

    /**
     * Opens an account. With a TOTP secret the second factor counts as enrolled (demo users); without one the user
     * enrols at first sign-in.
     */
    @Transactional
    public CareRelayUser create(NewUser user) {
        if (user.role().isDepartmental() && user.department() == null) {
            throw new IllegalArgumentException(user.role() + " needs a department");
        }
        boolean enrolled = user.totpSecret() != null;
        jdbc.sql("""
                INSERT INTO app_user (username, display_name, password_hash, totp_secret, role, institution_code,
                                      department, enabled, totp_enrolled, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(user.username(), user.displayName(), passwordEncoder.encode(user.password()),
                        secrets.seal(user.username(), enrolled ? user.totpSecret() : Totp.newSecret()),
                        user.role().name(), user.institution(),
                        user.department(), true, enrolled, Instant.now().atOffset(ZoneOffset.UTC),
                        Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        CareRelayUser created = new CareRelayUser(user.username(), user.displayName(), user.role(), user.institution(),
                user.department());
        events.publishEvent(new UserAccountChanged(created));
        return created;
    }

    public Optional<CareRelayUser> find(String username) {
        return account(username).filter(UserAccount::enabled).map(UserAccount::toUser);
    }

    public List<CareRelayUser> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE enabled ORDER BY username")
                .query(UserDirectory::map).list().stream().map(UserAccount::toUser).toList();
    }

    /** An active user who asked for e-mail notices, with the address. */
    public record EmailSubscriber(CareRelayUser user, String email) {
    }

    public List<EmailSubscriber> emailSubscribers() {
        return jdbc.sql("SELECT " + COLUMNS + ", email FROM app_user WHERE enabled AND notify_by_email "
                        + "AND email IS NOT NULL ORDER BY username")
                .query((rs, n) -> new EmailSubscriber(map(rs, n).toUser(), rs.getString("email"))).list();
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(username).query(Integer.class)
                .single() > 0;
    }

    Optional<UserAccount> account(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = ?").param(username)
                .query(UserDirectory::map).optional();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        java.time.OffsetDateTime locked = rs.getObject("locked_until", java.time.OffsetDateTime.class);
        return new UserAccount(rs.getString("username"), rs.getString("display_name"), rs.getString("password_hash"),
                rs.getString("totp_secret"), Role.valueOf(rs.getString("role")), rs.getString("institution_code"),
                rs.getString("department"), rs.getBoolean("enabled"), rs.getBoolean("totp_enrolled"),
                rs.getLong("totp_last_step"), rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant());
    }
}
