package hk.carerelay.notification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.notifications.email.*}: optional e-mail notices through the SMTP server configured under
 * {@code spring.mail.*}. Off by default. A notice says only that something waits in CareRelay, with a link to sign in.
 *
 * @param enabled   whether notices are sent
 * @param from      the sender address
 * @param publicUrl the address users sign in at, for the link in the notice
 * @param interval  how often new notifications are looked for
 * @param maxAge    notifications older than this when first seen are not e-mailed (after a long outage, say)
 * @param batch     notifications handled per run
 */
@ConfigurationProperties("carerelay.notifications.email")
record EmailNoticeProperties(@DefaultValue("false") boolean enabled, @DefaultValue("carerelay@localhost") String from,
        @DefaultValue("https://localhost:8443") URI publicUrl, @DefaultValue("PT30S") Duration interval,
        @DefaultValue("PT1H") Duration maxAge, @DefaultValue("200") int batch) {
}
