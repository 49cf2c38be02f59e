package hk.carerelay.audit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.audit.*}: trusted reverse proxies (their X-Forwarded-For is believed), how often the sealer runs,
 * how often a signed checkpoint is made (every so many entries, or after so long with new entries), and the optional
 * syslog collector that sealed entries are forwarded to.
 */
@ConfigurationProperties("carerelay.audit")
record AuditProperties(@DefaultValue List<String> trustedProxies, @DefaultValue("PT2S") Duration sealInterval,
        @DefaultValue("1000") int checkpointEvery, @DefaultValue("PT5M") Duration checkpointInterval,
        @DefaultValue("100000") int sealLagWindow, @DefaultValue Forward forward) {

    /**
     * RFC 5424 syslog over TLS (RFC 5425) to a collector, as IHE ATNA does. Off unless a host is given; the
     * collector's certificate is checked against the truststore (PKCS#12) or, without one, the JVM's default.
     */
    record Forward(String host, @DefaultValue("6514") int port, String truststorePath, String truststorePassword,
            @DefaultValue("500") int batch) {

        boolean enabled() {
            return host != null && !host.isBlank();
        }
    }
}
