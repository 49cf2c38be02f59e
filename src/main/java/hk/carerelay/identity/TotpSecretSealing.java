package hk.carerelay.identity;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.crypto.IntegrityException;

/**
 * At start-up, before sign-ins are accepted: seals two-factor secrets still stored in clear (a database from before
 * secrets were sealed) and re-seals those wrapped under a retired key-encryption key after a rotation. One
 * transaction; the number of secrets changed is logged and audited.
 */
@Component
@DependsOn("flywayInitializer")
class TotpSecretSealing {

    private static final Logger log = LoggerFactory.getLogger(TotpSecretSealing.class);

    private record Stored(String username, String secret, String pending) {
    }

    TotpSecretSealing(JdbcClient jdbc, TotpSecrets secrets, AuditLog audit, PlatformTransactionManager transactions) {
        String current = secrets.currentKekId();
        Integer changed = new TransactionTemplate(transactions).execute(status -> {
            List<Stored> rows = jdbc.sql("SELECT username, totp_secret, totp_pending_secret FROM app_user ORDER BY username")
                    .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            int count = 0;
            for (Stored row : rows) {
                String secret;
                String pending;
                try {
                    secret = resealed(secrets, row.username(), row.secret(), current);
                    pending = resealed(secrets, row.username(), row.pending(), current);
                } catch (IntegrityException e) {
                    // left as it is: the account cannot sign in until an administrator resets its second factor
                    log.error("The two-factor secret of {} fails its integrity check: {}", row.username(), e.getMessage());
                    audit.write(null, AuditLog.Event.of(AuditAction.KEY_ROTATION).outcome("FAILURE")
                            .on("User", row.username()).detail("two-factor secret fails its integrity check"));
                    continue;
                }
                if (secret != null || pending != null) {
                    jdbc.sql("UPDATE app_user SET totp_secret = COALESCE(?, totp_secret), "
                            + "totp_pending_secret = COALESCE(?, totp_pending_secret) WHERE username = ?")
                            .params(secret, pending, row.username()).update();
                    count++;
                }
            }
            if (count > 0) {
                audit.write(null, AuditLog.Event.of(AuditAction.KEY_ROTATION).on("TwoFactorSecrets", current)
                        .detail("two-factor secrets sealed or re-wrapped under " + current + ": " + count));
            }
            return count;
        });
        if (changed != null && changed > 0) {
            log.info("Sealed or re-wrapped the two-factor secrets of {} account(s) under {}", changed, current);
        }
    }

    /** The value to store instead, or null if it is already sealed under the current key (or absent). */
    private static String resealed(TotpSecrets secrets, String username, String stored, String current) {
        if (stored == null) {
            return null;
        }
        if (!TotpSecrets.isSealed(stored)) {
            return secrets.seal(username, stored);
        }
        if (current.equals(TotpSecrets.kekId(stored))) {
            return null;
        }
        return secrets.seal(username, secrets.open(username, stored));
    }
}
