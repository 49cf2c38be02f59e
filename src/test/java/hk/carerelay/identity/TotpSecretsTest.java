package hk.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.transaction.PlatformTransactionManager;

import hk.carerelay.ApplicationTest;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.crypto.EnvelopeEncryption;
import hk.carerelay.crypto.IntegrityException;

/** Two-factor secrets are stored sealed, bound to their account, and sealed at start-up when found in clear. */
@ApplicationTest
class TotpSecretsTest {

    private static final String SECRET = "KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF";

    @Autowired
    UserDirectory users;
    @Autowired
    TotpSecrets secrets;
    @Autowired
    TwoFactorAuthenticationProvider provider;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EnvelopeEncryption envelopes;
    @Autowired
    AuditLog audit;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    private String stored(String username) {
        return jdbc.sql("SELECT totp_secret FROM app_user WHERE username = ?").param(username).query(String.class)
                .single();
    }

    private void store(String username, String value) {
        jdbc.sql("UPDATE app_user SET totp_secret = ?, totp_last_step = 0 WHERE username = ?").params(value, username)
                .update();
    }

    private void signIn(String username) {
        provider.authenticate(TwoFactorAuthentication.unauthenticated(username, "CareRelay-test-secret-1",
                Totp.codeAt(SECRET, clock.instant())));
    }

    /** An account that takes part in no referral (so tests comparing every user's tasks and scope are unaffected). */
    private void newUser(String username) {
        users.create(new NewUser(username, "Test " + username, "CareRelay-test-secret-1", SECRET, Role.AUDITOR,
                "HSC", null));
    }

    @Test
    void secretsAreStoredSealedAndOpenOnlyForTheirOwnAccount() {
        newUser("totp.sealed");

        String sealed = stored("totp.sealed");
        assertThat(sealed).startsWith(TotpSecrets.PREFIX).doesNotContain(SECRET);
        assertThat(secrets.open("totp.sealed", sealed)).isEqualTo(SECRET);
        assertThat(stored("gp.chan")).startsWith(TotpSecrets.PREFIX).doesNotContain("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> secrets.open("gp.chan", sealed)).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> secrets.open("totp.sealed", SECRET)).isInstanceOf(IntegrityException.class);

        signIn("totp.sealed");
    }

    @Test
    void aSecretCopiedFromAnotherAccountOrAlteredSignsNobodyIn() {
        newUser("totp.copied");
        String own = stored("totp.copied");
        String other = secrets.seal("totp.elsewhere", SECRET);
        store("totp.copied", other);

        assertThatThrownBy(() -> signIn("totp.copied")).isInstanceOf(BadCredentialsException.class);

        char[] altered = own.toCharArray();
        int last = altered.length - 1;
        altered[last] = altered[last] == 'A' ? 'B' : 'A';
        store("totp.copied", new String(altered));
        assertThatThrownBy(() -> signIn("totp.copied")).isInstanceOf(BadCredentialsException.class);

        store("totp.copied", own);
        signIn("totp.copied");
    }

    @Test
    void aSecretFoundInClearIsSealedAtStartAndReSealedAfterAKeyRotation() {
        newUser("totp.legacy");
        store("totp.legacy", SECRET);

        new TotpSecretSealing(jdbc, secrets, audit, transactions);

        String sealed = stored("totp.legacy");
        assertThat(sealed).startsWith(TotpSecrets.PREFIX + envelopes.currentKekId() + ":");
        signIn("totp.legacy");

        String rotated = envelopes.addKek();
        new TotpSecretSealing(jdbc, secrets, audit, transactions);

        assertThat(TotpSecrets.kekId(stored("totp.legacy"))).isEqualTo(rotated);
        assertThat(TotpSecrets.kekId(stored("gp.chan"))).isEqualTo(rotated);
        assertThat(secrets.open("totp.legacy", stored("totp.legacy"))).isEqualTo(SECRET);
    }

    @Test
    void productionStillRecognisesTheDemoSecretOnceSealed() {
        assertThatThrownBy(() -> new NoDemoAccountsInProduction(jdbc, secrets))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published demo two-factor secret");
    }
}
