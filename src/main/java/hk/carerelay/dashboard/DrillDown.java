package hk.carerelay.dashboard;

import java.time.LocalDate;

/**
 * Which referrals behind a figure to list: the figure, and what narrows it (a stage for turnaround, the Monday of a
 * week, a sending institution, an age band, a user, a decline reason code, a clocked step), and the page. Built only
 * by {@link Dashboards#drillDown}.
 */
public record DrillDown(Figure figure, Stage stage, LocalDate week, String sending, AgeBand band, String user,
        String reason, String step, int page, int size) {

    /** The reason key of declines recorded before coded reasons existed. */
    public static final String NOT_RECORDED = "NOT_RECORDED";

    public static DrillDown of(Figure figure) {
        return new DrillDown(figure, null, null, null, null, null, null, null, 0, 50);
    }

    public DrillDown stage(Stage value) {
        return new DrillDown(figure, value, week, sending, band, user, reason, step, page, size);
    }

    public DrillDown week(LocalDate value) {
        return new DrillDown(figure, stage, value, sending, band, user, reason, step, page, size);
    }

    public DrillDown sending(String value) {
        return new DrillDown(figure, stage, week, value, band, user, reason, step, page, size);
    }

    public DrillDown band(AgeBand value) {
        return new DrillDown(figure, stage, week, sending, value, user, reason, step, page, size);
    }

    public DrillDown user(String value) {
        return new DrillDown(figure, stage, week, sending, band, value, reason, step, page, size);
    }

    /** A decline reason code, or {@link #NOT_RECORDED}. */
    public DrillDown reason(String value) {
        return new DrillDown(figure, stage, week, sending, band, user, value, step, page, size);
    }

    /** A clocked step of the referral process (its BPMN task id). */
    public DrillDown step(String value) {
        return new DrillDown(figure, stage, week, sending, band, user, reason, value, page, size);
    }

    public DrillDown page(int number, int pageSize) {
        return new DrillDown(figure, stage, week, sending, band, user, reason, step, number, pageSize);
    }
}
