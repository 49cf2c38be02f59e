package hk.carerelay.it;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import hk.carerelay.identity.Totp;

/**
 * One-time codes for the tests' sign-ins. A code is accepted once per user (replay is refused), so each sign-in gets
 * the current step or, if this user has used it already, the next one (both stay inside the accepted window even
 * if a step boundary passes before the server checks the code; the previous step would not), waiting if both are
 * spent.
 */
public final class Codes {

    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private Codes() {
    }

    public static synchronized String fresh(String username, String secret) {
        while (true) {
            long now = Instant.now().getEpochSecond() / 30;
            long last = LAST_STEP.getOrDefault(username, Long.MIN_VALUE);
            for (long step = now; step <= now + 1; step++) {
                if (step > last) {
                    LAST_STEP.put(username, step);
                    return Totp.codeAt(secret, Instant.ofEpochSecond(step * 30));
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
