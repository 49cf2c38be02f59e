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
        List<Volume> receivedByUrgency, Outcomes outcomes, List<Volume> declinesByReason, Consents consents,
        List<Breach> breaches, List<StepBreach> stepBreaches, List<Volume> openByAge, List<Workload> workload) {

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

    /**
     * Breaches of the triage SLA (the referral process's own timer, {@code triage_breached_at}) among the referrals
     * received in the period: the triage clock starts when a referral is received.
     */
    public record Breach(Stage stage, long measured, long breached, Double rate) {
    }

    /**
     * Breaches of one clocked step of the referral process ({@code sla_clock}, ADR 0018; triage excluded, it has its
     * own timer above): of the step's tasks started in the period (its clocks), how many breached their SLA.
     */
    public record StepBreach(String step, long measured, long breached, Double rate) {
    }

    /**
     * Consent to share of the referrals received in the period (ADR 0019), each counted once by the decisions that
     * cover it (its own, and standing ones for its patient and institution recorded before it closed): decided (at
     * least one decision), granted (at least one grant; the grant rate is of those decided) and of those the grants
     * still in force, withdrawn or expired; refused (decided, never granted). Time to consent runs from submission to
     * the first grant for the referrals that no consent covered when they were submitted and that got one since.
     */
    public record Consents(long received, long decided, long granted, long inForce, long withdrawn, long expired,
            long refused, Double grantRate, long waited, Double medianHours, Double p90Hours, Double p95Hours) {
    }

    /**
     * A coordinator's or specialist's load: referrals with an open task assigned to them now, and referrals on
     * which they completed a task in the period.
     */
    public record Workload(String username, Role role, long openAssigned, long handledInPeriod) {
    }
}
