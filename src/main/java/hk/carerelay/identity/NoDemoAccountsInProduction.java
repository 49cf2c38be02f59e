package hk.carerelay.identity;

import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import hk.carerelay.crypto.IntegrityException;

/** In production, refuses to start on a database that still holds accounts with the published demo secret. */
@Component
@Profile("prod")
@DependsOn({"flywayInitializer", "totpSecretSealing"})
class NoDemoAccountsInProduction {

    static final String DEMO_SECRET = "JBSWY3DPEHPK3PXP";

    NoDemoAccountsInProduction(JdbcClient jdbc, TotpSecrets secrets) {
        long demoAccounts = jdbc.sql("SELECT username, totp_secret FROM app_user")
                .query((rs, n) -> isDemoSecret(secrets, rs.getString(1), rs.getString(2))).list().stream()
                .filter(Boolean::booleanValue).count();
        if (demoAccounts > 0) {
            throw new IllegalStateException("Refusing to start with 'prod': " + demoAccounts
                    + " account(s) use the published demo two-factor secret. Remove the demo data first.");
        }
    }

    private static boolean isDemoSecret(TotpSecrets secrets, String username, String stored) {
        try {
            return DEMO_SECRET.equals(secrets.open(username, stored));
        } catch (IntegrityException e) {
            return false;
        }
    }
}
