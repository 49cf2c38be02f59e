package hk.carerelay.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code carerelay.security.*}: how long an API bearer token lives. */
@ConfigurationProperties("carerelay.security")
record SecurityProperties(@DefaultValue("PT8H") Duration tokenTtl) {
}
