package hk.carerelay.dashboard;

import java.time.LocalDate;

/**
 * Which referrals behind a figure to list: the figure, and what narrows it (a stage for turnaround, the Monday of a
 * week, a sending institution, an age band, a user), and the page. Built only by {@link Dashboards#drillDown}.
 */
public record DrillDown(Figure figure, Stage stage, LocalDate week, String sending, AgeBand band, String user,
        int page, int size) {

    public static DrillDown of(Figure figure) {
        return new DrillDown(figure, null, null, null, null, null, 0, 50);
    }

    public DrillDown stage(Stage value) {
        return new DrillDown(figure, value, week, sending, band, user, page, size);
    }

    public DrillDown week(LocalDate value) {
        return new DrillDown(figure, stage, value, sending, band, user, page, size);
    }

    public DrillDown sending(String value) {
        return new DrillDown(figure, stage, week, value, band, user, page, size);
    }

    public DrillDown band(AgeBand value) {
        return new DrillDown(figure, stage, week, sending, value, user, page, size);
    }

    public DrillDown user(String value) {
        return new DrillDown(figure, stage, week, sending, band, value, page, size);
    }

    public DrillDown page(int number, int pageSize) {
        return new DrillDown(figure, stage, week, sending, band, user, number, pageSize);
    }
}
