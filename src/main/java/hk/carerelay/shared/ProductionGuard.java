package hk.carerelay.shared;

import java.util.Arrays;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a production instance that is not fit for patient data: the {@code prod} profile together with
 * {@code demo} (demo users, demo keys), set to generate its own keys, or without TLS (unless TLS is explicitly
 * terminated by a trusted proxy). The keystore itself is checked when it is opened.
 * Registered in META-INF/spring.factories so it runs before any bean is created.
 */
public class ProductionGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment env) {
        boolean prod = Arrays.asList(env.getActiveProfiles()).contains("prod");
        if (!prod) {
            return;
        }
        if (Arrays.asList(env.getActiveProfiles()).contains("demo")) {
            throw new IllegalStateException(
                    "Refusing to start: the 'demo' profile (demo users and keys) cannot run together with 'prod'.");
        }
        if (env.getProperty("carerelay.crypto.generate-if-missing", Boolean.class, false)) {
            throw new IllegalStateException("Refusing to start: 'prod' never generates keys; give it a keystore "
                    + "(CARERELAY_KEYSTORE_PATH, CARERELAY_KEYSTORE_PASSWORD).");
        }
        boolean tls = env.getProperty("server.ssl.enabled", Boolean.class, true)
                && (hasText(env.getProperty("server.ssl.bundle")) && hasText(env.getProperty("CARERELAY_TLS_KEYSTORE"))
                        || hasText(env.getProperty("server.ssl.key-store")));
        boolean proxy = env.getProperty("carerelay.security.tls-terminated-by-proxy", Boolean.class, false);
        if (!tls && !proxy) {
            throw new IllegalStateException("Refusing to start: 'prod' needs TLS (CARERELAY_TLS_KEYSTORE and "
                    + "CARERELAY_TLS_KEYSTORE_PASSWORD, or server.ssl.*) or "
                    + "carerelay.security.tls-terminated-by-proxy=true behind a TLS-terminating proxy.");
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
