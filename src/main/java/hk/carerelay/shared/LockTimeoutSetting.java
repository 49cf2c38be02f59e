package hk.carerelay.shared;

import java.util.regex.Pattern;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks {@code carerelay.db.lock-timeout} before anything connects: the value goes as given into the SQL that opens
 * every pooled PostgreSQL connection ({@code SET lock_timeout = '...'}), so only a number with one of PostgreSQL's time
 * units is let through. A wrong value would otherwise surface as the database's error on the first connection, or,
 * with a quote in it, change that statement. Registered in META-INF/spring.factories, as {@link ProductionGuard} is.
 */
public class LockTimeoutSetting implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String PROPERTY = "carerelay.db.lock-timeout";
    private static final Pattern DURATION = Pattern.compile("\\d{1,9}(\\.\\d{1,3})?\\s?(us|ms|s|min|h|d)?");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(Environment env) {
        String value = env.getProperty(PROPERTY);
        if (value != null && !DURATION.matcher(value.strip()).matches()) {
            throw new IllegalStateException("Refusing to start: " + PROPERTY + " is '" + value + "'; give a number of "
                    + "milliseconds or a number with a unit PostgreSQL knows (us, ms, s, min, h, d), e.g. 10s or 2500ms.");
        }
    }
}
