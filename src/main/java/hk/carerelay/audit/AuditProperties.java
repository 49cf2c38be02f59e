package hk.carerelay.audit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.audit.*}: trusted reverse proxies (their X-Forwarded-For is believed), how often the sealer runs,
 * and how often a signed checkpoint is made (every so many entries, or after so long with new entries).
 */
@ConfigurationProperties("carerelay.audit")
record AuditProperties(@DefaultValue List<String> trustedProxies, @DefaultValue("PT2S") Duration sealInterval,
        @DefaultValue("1000") int checkpointEvery, @DefaultValue("PT5M") Duration checkpointInterval,
        @DefaultValue("100000") int sealLagWindow) {
}
