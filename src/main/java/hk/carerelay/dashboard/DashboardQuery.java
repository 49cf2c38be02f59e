package hk.carerelay.dashboard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import hk.carerelay.referral.Urgency;
import hk.carerelay.shared.HongKongTime;

/**
 * What one dashboard shows: the referrals an institution received, for a period of whole days in Hong Kong time
 * (both ends included), optionally of one specialty and one urgency. Built only by {@link Dashboards#query}, which
 * checks every part first.
 */
public record DashboardQuery(String institution, LocalDate from, LocalDate to, String specialty, Urgency urgency) {

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(HongKongTime.ZONE).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(HongKongTime.ZONE).toInstant();
    }

    /** The Monday that starts the week holding the period's first day: weeks are counted from it. */
    public LocalDate firstWeek() {
        return from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
