package hk.carerelay.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * What a new password must be (OWASP ASVS 2.1): at least 12 and at most 128 characters, not one of 100,000 common
 * passwords (the list bundled with the nbvcxz library), and not containing the username.
 */
@Component
public class PasswordPolicy {

    static final int MIN = 12;
    static final int MAX = 128;
    private static final String COMMON = "dictionaries/passwords.txt";

    private volatile Set<String> common;

    public List<String> problems(String username, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < MIN) {
            problems.add("must be at least " + MIN + " characters");
            return problems;
        }
        if (password.length() > MAX) {
            problems.add("must be at most " + MAX + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (commonPasswords().contains(lower)) {
            problems.add("is one of the most common passwords; choose another");
        }
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the username");
        }
        return problems;
    }

    private Set<String> commonPasswords() {
        Set<String> loaded = common;
        if (loaded == null) {
            loaded = new HashSet<>(120_000);
            try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON)) {
                if (in == null) {
                    throw new IllegalStateException("The common-password list " + COMMON + " is missing");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        loaded.add(line.strip().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            common = loaded;
        }
        return loaded;
    }
}
