package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;

import hk.carerelay.identity.EnrolmentRequired;
import hk.carerelay.identity.NewUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.Totp;
import hk.carerelay.identity.TwoFactorAuthentication;
import hk.carerelay.identity.TwoFactorEnrolment;
import hk.carerelay.identity.UserDirectory;

/** The second factor through the API: single use, the time window, lockout, the hourly cap, recovery codes, reset. */
class TwoFactorIT extends ApiTestSupport {

    @Autowired
    UserDirectory users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuthenticationManager authenticationManager;

    @Autowired
    TwoFactorEnrolment enrolment;

    private String user(String username, boolean enrolled) {
        if (!users.exists(username)) {
            users.create(new NewUser(username, "Test " + username, PASSWORD, enrolled ? SECRET : null, Role.NURSE,
                    "HSC", "CARDIOLOGY"));
        }
        return username;
    }

    private int signIn(String username, String code) {
        return post("/api/auth/token", null, Map.of("username", username, "password", PASSWORD, "otp", code)).status();
    }

    @Test
    void aCodeWorksOnceAndOnlyNearNow() {
        String user = user("nurse.replay", true);
        String code = Codes.fresh(user, SECRET);
        assertThat(signIn(user, code)).isEqualTo(200);
        assertThat(signIn(user, code)).as("replayed").isEqualTo(401);
        long now = Instant.now().getEpochSecond();
        assertThat(signIn(user, Totp.codeAt(SECRET, Instant.ofEpochSecond(now + 90)))).as("three steps ahead")
                .isEqualTo(401);
        assertThat(signIn(user, Totp.codeAt(SECRET, Instant.ofEpochSecond(now - 90)))).as("three steps ago")
                .isEqualTo(401);
    }

    @Test
    void fiveFailuresInARowLockTheAccountAndTellTheUserAndTheAdministrators() {
        String user = user("nurse.lockout", true);
        for (int i = 0; i < 5; i++) {
            assertThat(post("/api/auth/token", null, Map.of("username", user, "password", "wrong-password-" + i,
                    "otp", "123456")).status()).isEqualTo(401);
        }
        Response locked = post("/api/auth/token", null, Map.of("username", user, "password", PASSWORD, "otp",
                Codes.fresh(user, SECRET)));
        assertThat(locked.status()).as("right credentials, locked account").isEqualTo(401);
        assertThat(locked.body().get("detail").asText()).isEqualTo(
                "Sign-in failed: the username, password or code is not correct.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient = ? AND message_key = ?")
                .params(user, "notification.account.locked").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient = 'HSC-SYSADMIN' AND message_args LIKE ?")
                .param(user + "|%").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = ? AND action = 'LOCKOUT'").param(user)
                .query(Long.class).single()).isEqualTo(1);

        // Fifteen minutes later (the lock's end moved into the past) the right credentials work again.
        jdbc.sql("UPDATE app_user SET locked_until = ? WHERE username = ?")
                .params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), user).update();
        assertThat(signIn(user, Codes.fresh(user, SECRET))).isEqualTo(200);
    }

    @Test
    void noMoreThanAHundredFailuresAnHour() {
        String user = user("nurse.hourly", true);
        for (int i = 0; i < 100; i++) {
            jdbc.sql("INSERT INTO audit_event (occurred_at, username, action, outcome) VALUES (?, ?, 'SIGN_IN_FAILED', 'FAILURE')")
                    .params(Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC), user).update();
        }
        assertThat(signIn(user, Codes.fresh(user, SECRET))).isEqualTo(401);
    }

    @Test
    void enrolmentGivesRecoveryCodesThatWorkOnce() {
        String user = user("nurse.enrol", false);
        assertThat(signIn(user, "123456")).as("no second factor yet: the API refuses").isEqualTo(401);

        EnrolmentRequired required = catchThrowableOfType(EnrolmentRequired.class,
                () -> authenticationManager.authenticate(TwoFactorAuthentication.unauthenticated(user, PASSWORD, "")));
        TwoFactorEnrolment.Enrolment started = enrolment.begin(required);
        assertThat(started.otpauthUri()).startsWith("otpauth://totp/CareRelay%3A" + user + "?secret=");
        assertThat(started.qrPng()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        TwoFactorEnrolment.Enrolled enrolled = enrolment.confirm(started, Codes.fresh(user, started.secret()));
        List<String> codes = enrolled.recoveryCodes();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();

        assertThat(signIn(user, codes.get(3))).as("a recovery code").isEqualTo(200);
        assertThat(signIn(user, codes.get(3))).as("the same recovery code again").isEqualTo(401);
        assertThat(signIn(user, Codes.fresh(user, started.secret()))).as("the new authenticator").isEqualTo(200);
        assertThat(signIn(user, Codes.fresh(user, SECRET))).as("the demo secret is not this user's").isEqualTo(401);
    }

    @Test
    void anAdministratorResetsTheSecondFactor() {
        String user = user("nurse.reset", true);
        assertThat(signIn(user, Codes.fresh(user, SECRET))).isEqualTo(200);
        enrolment.reset(users.find("sysadmin").orElseThrow(), user);
        assertThat(signIn(user, Codes.fresh(user, SECRET))).as("must enrol again").isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = 'sysadmin' AND object_id = ? "
                + "AND detail = 'second factor reset'").param(user).query(Long.class).single()).isEqualTo(1);
    }
}
