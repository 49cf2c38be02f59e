package hk.carerelay.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Ten single-use recovery codes per user, for when the authenticator is lost. Shown once when made, stored only as
 * password hashes; a new set replaces the old one.
 */
@Component
class RecoveryCodes {

    static final int COUNT = 10;
    /** No 0/o, 1/l/i: codes are read aloud and typed from paper. */
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RecoveryCodes(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** Replaces the user's codes with ten new ones and returns them (the only time they are seen). */
    List<String> renew(String username) {
        jdbc.sql("UPDATE recovery_code SET used_at = ? WHERE username = ? AND used_at IS NULL")
                .params(clock.instant().atOffset(ZoneOffset.UTC), username).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            codes.add(code);
            jdbc.sql("INSERT INTO recovery_code (username, code_hash, created_at) VALUES (?, ?, ?)")
                    .params(username, encoder.encode(code), clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
        return codes;
    }

    static boolean looksLikeCode(String text) {
        return text != null && text.strip().toLowerCase().matches("[a-z2-9]{5}-[a-z2-9]{5}");
    }

    /** Uses up the matching unused code; false if there is none. */
    boolean use(String username, String code) {
        if (!looksLikeCode(code)) {
            return false;
        }
        String normalised = code.strip().toLowerCase();
        record Stored(long id, String hash) {
        }
        for (Stored stored : jdbc.sql("SELECT id, code_hash FROM recovery_code WHERE username = ? AND used_at IS NULL")
                .param(username).query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2))).list()) {
            if (encoder.matches(normalised, stored.hash())) {
                return jdbc.sql("UPDATE recovery_code SET used_at = ? WHERE id = ? AND used_at IS NULL")
                        .params(clock.instant().atOffset(ZoneOffset.UTC), stored.id()).update() == 1;
            }
        }
        return false;
    }

    long remaining(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE username = ? AND used_at IS NULL").param(username)
                .query(Long.class).single();
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
