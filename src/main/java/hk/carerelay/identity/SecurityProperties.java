package hk.carerelay.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.security.*}: how long an API bearer token lives; after how many failed sign-ins in a row an
 * account locks, for how long, and the most failures an account may collect in an hour.
 */
@ConfigurationProperties("carerelay.security")
record SecurityProperties(@DefaultValue("PT8H") Duration tokenTtl, @DefaultValue("5") int lockoutThreshold,
        @DefaultValue("PT15M") Duration lockoutDuration, @DefaultValue("100") int maxFailuresPerHour) {
}
