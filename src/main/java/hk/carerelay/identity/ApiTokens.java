package hk.carerelay.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Opaque bearer tokens for the REST API. Only a SHA-256 of each token is stored, so a copy of the database does not
 * yield usable tokens. Tokens expire and are revoked at sign-out.
 */
@Service
class ApiTokens {

    private final JdbcClient jdbc;
    private final SecurityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, SecurityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    record IssuedToken(String token, Instant expiresAt) {
    }

    IssuedToken issue(String username) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        jdbc.sql("INSERT INTO api_token (token_hash, username, issued_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(token), username, now.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC))
                .update();
        return new IssuedToken(token, expiresAt);
    }

    /** The user a live token belongs to, or empty when the token is unknown, expired or revoked. */
    Optional<String> resolve(String token) {
        return jdbc.sql("SELECT username FROM api_token WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?")
                .params(hash(token), clock.instant().atOffset(ZoneOffset.UTC))
                .query(String.class).optional();
    }

    void revoke(String token) {
        jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
                .params(clock.instant().atOffset(ZoneOffset.UTC), hash(token))
                .update();
    }

    /** Ends every API session of a user (password changed or reset, account deactivated). */
    void revokeAll(String username) {
        jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL")
                .params(clock.instant().atOffset(ZoneOffset.UTC), username).update();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
