package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpRequest;
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

    @Test
    void badCredentialsTokensAndCookiesAllGetTheSameGeneric401AndChangeNothingElse() {
        String user = user("nurse.badinput", true);
        String generic = "Sign-in failed: the username, password or code is not correct.";
        List<Response> refused = List.of(
                post("/api/auth/token", null, Map.of("username", "x".repeat(10_000), "password", PASSWORD, "otp", "123456")),
                post("/api/auth/token", null, Map.of("username", user, "password", "p".repeat(100_000), "otp", "123456")),
                post("/api/auth/token", null, Map.of("username", user, "password", PASSWORD, "otp", "12345678901234567890")),
                post("/api/auth/token", null, Map.of("username", user, "password", PASSWORD, "otp", "abcdef")),
                post("/api/auth/token", null, Map.of("username", List.of("array"), "password", 7, "otp", true)),
                post("/api/auth/token", null, "{\"username\": \"" + user + "\""));
        for (Response r : refused) {
            assertThat(r.status()).as(r.raw()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(refused.subList(1, 4)).extracting(r -> r.body().get("detail").asText()).containsOnly(generic);
        assertThat(jdbc.sql("SELECT failed_attempts FROM app_user WHERE username = ?").param(user).query(Integer.class)
                .single()).as("the two malformed codes count toward lockout; an oversized request is refused before any "
                        + "check").isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE username = ?").param(user).query(Long.class).single())
                .as("no token was issued").isZero();

        String token = signIn(user);
        assertThat(jdbc.sql("SELECT failed_attempts FROM app_user WHERE username = ?").param(user).query(Integer.class)
                .single()).as("a success starts the count again").isZero();
        assertThat(get("/api/me", token).status()).isEqualTo(200);
        assertThat(get("/api/me", token + "x").status()).as("tampered token").isEqualTo(401);
        assertThat(get("/api/me", "not-a-token").status()).isEqualTo(401);
        assertThat(get("/api/me", "a".repeat(20_000)).status()).as("oversized token").isIn(400, 401, 431);
        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE username = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(1), user).update();
        Response expired = get("/api/me", token);
        assertThat(expired.status()).as("expired token").isEqualTo(401);
        assertThat(expired.contentType()).startsWith("application/problem+json");

        String second = signIn(user);
        assertThat(post("/api/auth/logout", second, "{}").status()).isEqualTo(204);
        assertThat(get("/api/me", second).status()).as("revoked token").isEqualTo(401);

        Response tamperedCookie = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/me"))
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF").GET());
        assertThat(tamperedCookie.status()).as("a forged session cookie authenticates nothing").isEqualTo(401);
    }
}
