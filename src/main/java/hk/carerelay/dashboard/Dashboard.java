package hk.carerelay.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import hk.carerelay.identity.Role;
import hk.carerelay.referral.Urgency;

/**
 * The figures of one dashboard: aggregates only, no patient and no clinical content. Durations are in hours; a
 * percentile is null where no referral passed the stage. Rates are fractions (0–1), null where there is nothing to
 * divide by.
 */
public record Dashboard(String institution, LocalDate from, LocalDate to, String specialty, Urgency urgency,
        Instant computedAt, List<Turnaround> turnaround, List<WeeklyTurnaround> turnaroundByWeek,
        List<Volume> receivedByWeek, List<Volume> receivedBySpecialty, List<Volume> receivedBySendingInstitution,
        List<Volume> receivedByUrgency, Outcomes outcomes, List<Breach> breaches, List<Volume> openByAge,
        List<Workload> workload) {

    /** Turnaround of a stage that ended in the period: how many, and the median, 90th and 95th percentile. */
    public record Turnaround(Stage stage, long count, Double medianHours, Double p90Hours, Double p95Hours) {
    }

    /** The same for the stages that ended in one week (weeks start on Monday, Hong Kong time). */
    public record WeeklyTurnaround(Stage stage, LocalDate week, long count, Double medianHours, Double p90Hours,
            Double p95Hours) {
    }

    /** How many referrals have one value (a week's Monday, a specialty code, an institution code, an urgency...). */
    public record Volume(String key, long count) {
    }

    /**
     * What became of the referrals received in the period: triaged (accepted, declined or returned with advice) and
     * cancelled. Acceptance, decline and advice rates are of those triaged; the cancellation rate of those received.
     */
    public record Outcomes(long received, long triaged, long accepted, long declined, long advice, long cancelled,
            Double acceptanceRate, Double declineRate, Double adviceRate, Double cancellationRate) {
    }

    /** SLA breaches of a stage among the referrals received in the period; the process has a triage SLA only. */
    public record Breach(Stage stage, long measured, long breached, Double rate) {
    }

    /**
     * A coordinator's or specialist's load: referrals with an open task assigned to them now, and referrals on
     * which they completed a task in the period.
     */
    public record Workload(String username, Role role, long openAssigned, long handledInPeriod) {
    }
}
