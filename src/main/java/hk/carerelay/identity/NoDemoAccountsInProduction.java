package hk.carerelay.identity;

import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** In production, refuses to start on a database that still holds accounts with the published demo secret. */
@Component
@Profile("prod")
@DependsOn("flywayInitializer")
class NoDemoAccountsInProduction {

    static final String DEMO_SECRET = "JBSWY3DPEHPK3PXP";

    NoDemoAccountsInProduction(JdbcClient jdbc) {
        long demoAccounts = jdbc.sql("SELECT COUNT(*) FROM app_user WHERE totp_secret = ?").param(DEMO_SECRET)
                .query(Long.class).single();
        if (demoAccounts > 0) {
            throw new IllegalStateException("Refusing to start with 'prod': " + demoAccounts
                    + " account(s) use the published demo two-factor secret. Remove the demo data first.");
        }
    }
}
