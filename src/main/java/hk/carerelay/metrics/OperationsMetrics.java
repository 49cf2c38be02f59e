package hk.carerelay.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import hk.carerelay.referral.ReferralEvents.TriageSlaBreached;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.referral.Urgency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code carerelay_referrals{status}}: referrals in each status, from one grouped count re-read at most every
 * {@link #REFRESH} (a scrape never waits on more than that query); {@code carerelay_sla_breaches_total{urgency}}:
 * triage SLA breaches this node's engine recorded, counted once the breach is committed.
 */
@Component
class OperationsMetrics {

    static final Duration REFRESH = Duration.ofSeconds(30);

    private final ReferralService referrals;
    private final Clock clock;
    private final Map<Urgency, Counter> breaches = new EnumMap<>(Urgency.class);
    private Map<ReferralStatus, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    OperationsMetrics(ReferralService referrals, MeterRegistry registry, Clock clock) {
        this.referrals = referrals;
        this.clock = clock;
        for (ReferralStatus status : ReferralStatus.values()) {
            Gauge.builder("carerelay.referrals", this, m -> m.count(status))
                    .description("Referrals in each status (all institutions)").tag("status", status.name())
                    .register(registry);
        }
        for (Urgency urgency : Urgency.values()) {
            breaches.put(urgency, Counter.builder("carerelay.sla.breaches")
                    .description("Referrals not triaged within their SLA").tag("urgency", urgency.name())
                    .register(registry));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TriageSlaBreached event) {
        breaches.get(event.urgency()).increment();
    }

    private synchronized double count(ReferralStatus status) {
        Instant now = clock.instant();
        if (countedAt.plus(REFRESH).isBefore(now)) {
            counts = referrals.countsByStatus();
            countedAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }
}
