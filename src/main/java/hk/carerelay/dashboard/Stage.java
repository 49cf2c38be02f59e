package hk.carerelay.dashboard;

/**
 * A stage of the closed loop whose turnaround the dashboard measures, by the referral's stage-time columns (V11): it
 * counts in a period when it ended in it. The whole loop runs from receipt to completion (outcome acknowledged, or
 * returned with advice).
 */
public enum Stage {
    TRIAGE("created_at", "triaged_at", null),
    SCHEDULING("triaged_at", "scheduled_at", null),
    CONSULTATION("scheduled_at", "report_sent_at", null),
    WHOLE_LOOP("created_at", "closed_at", "r.status = 'COMPLETED'");

    final String startColumn;
    final String endColumn;
    final String condition;

    Stage(String startColumn, String endColumn, String condition) {
        this.startColumn = startColumn;
        this.endColumn = endColumn;
        this.condition = condition;
    }

    /** As in a URL: triage, scheduling, consultation, whole-loop. */
    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
