package hk.carerelay.dashboard;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.dashboard.*}: the longest period one request may cover (default 366 days), the period shown when
 * none is asked for (the last 12 weeks), and the most referrals one drill-down page lists (default 200).
 */
@ConfigurationProperties("carerelay.dashboard")
record DashboardProperties(@DefaultValue("P366D") Period maxPeriod, @DefaultValue("P84D") Period defaultPeriod,
        @DefaultValue("200") int maxPageSize) {
}
