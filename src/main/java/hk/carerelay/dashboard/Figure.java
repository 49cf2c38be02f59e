package hk.carerelay.dashboard;

import java.util.Arrays;
import java.util.Optional;

/**
 * A figure of the dashboard whose referrals can be listed (drill-down). Each names the referrals it counts; the
 * drill-down's other parameters narrow it (a week, a stage, a sending institution, an age band, a user).
 */
public enum Figure {
    /** Received in the period (volumes; by week, specialty, sending institution, urgency through the filters). */
    RECEIVED,
    /** A stage that ended in the period (turnaround; needs a stage). */
    STAGE,
    /** Received in the period and triaged: accepted. */
    ACCEPTED,
    /** Received in the period and declined at triage (optionally with one coded reason). */
    DECLINED,
    /** Received in the period and returned with advice at triage. */
    ADVICE,
    /** Received in the period and cancelled. */
    CANCELLED,
    /** Received in the period whose triage SLA was breached. */
    TRIAGE_BREACHED,
    /** Whose clock of a step (needs a step) started in the period and breached its SLA. */
    STEP_BREACHED,
    /** Received in the period with at least one consent decision covering it. */
    CONSENT_DECIDED,
    /** Received in the period with at least one grant covering it. */
    CONSENT_GRANTED,
    /** ... of which a grant is still in force. */
    CONSENT_IN_FORCE,
    /** ... granted, none in force, one withdrawn. */
    CONSENT_WITHDRAWN,
    /** ... granted, none in force or withdrawn, one expired. */
    CONSENT_EXPIRED,
    /** Received in the period, decided and never granted. */
    CONSENT_REFUSED,
    /** Received in the period without consent and granted one since (time to consent). */
    CONSENT_WAITED,
    /** Open now, whenever received (optionally of one age band). */
    OPEN,
    /** Open now with a task assigned to a user (needs a user). */
    ASSIGNED,
    /** A user completed a task of it in the period (needs a user). */
    HANDLED;

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Optional<Figure> byPath(String path) {
        return Arrays.stream(values()).filter(f -> f.path().equals(path)).findFirst();
    }
}
