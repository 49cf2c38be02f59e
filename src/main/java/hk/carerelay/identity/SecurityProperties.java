package hk.carerelay.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.security.*}: how long an API bearer token lives; after how many failed sign-ins in a row an
 * account locks, for how long, and the most failures an account may collect in an hour; the absolute lifetime of a
 * browser session (the idle timeout is {@code server.servlet.session.timeout}).
 */
@ConfigurationProperties("carerelay.security")
record SecurityProperties(@DefaultValue("PT8H") Duration tokenTtl, @DefaultValue("5") int lockoutThreshold,
        @DefaultValue("PT15M") Duration lockoutDuration, @DefaultValue("100") int maxFailuresPerHour,
        @DefaultValue("PT12H") Duration sessionLifetime) {
}
