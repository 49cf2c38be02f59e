package hk.carerelay.dashboard;

import java.time.Duration;

/** How long an open referral has been waiting since it was received. */
public enum AgeBand {
    UNDER_1_DAY(Duration.ZERO, Duration.ofDays(1)),
    DAYS_1_TO_3(Duration.ofDays(1), Duration.ofDays(3)),
    DAYS_3_TO_7(Duration.ofDays(3), Duration.ofDays(7)),
    DAYS_7_TO_14(Duration.ofDays(7), Duration.ofDays(14)),
    DAYS_14_TO_30(Duration.ofDays(14), Duration.ofDays(30)),
    OVER_30_DAYS(Duration.ofDays(30), null);

    final Duration from;
    final Duration to;

    AgeBand(Duration from, Duration to) {
        this.from = from;
        this.to = to;
    }

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
