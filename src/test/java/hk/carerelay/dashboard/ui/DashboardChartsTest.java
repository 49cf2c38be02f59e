package hk.carerelay.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DashboardChartsTest {

    private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");

    @Test
    void turnaroundsOfSecondsAreNotLabelledWithExponents() {
        Map<String, Double> hours = new LinkedHashMap<>();
        hours.put("Week 1", 3.5e-5);
        hours.put("Week 2", 8.0e-5);
        String svg = DashboardCharts.lines("Turnaround", "hours", Map.of("Median", hours));
        List<String> labels = labels(svg);
        assertThat(labels).isNotEmpty().noneMatch(l -> l.matches(".*\\dE-?\\d.*")).noneMatch(l -> l.startsWith("-"));
        assertThat(labels).contains("0", "0.1", "0.2");
    }

    @Test
    void countsInTheThousandsAreGrouped() {
        String svg = DashboardCharts.bars("Received", "referrals", Map.of("All", Map.of("KEFC", 12_000)));
        assertThat(labels(svg)).contains("10,000");
    }

    /** A week only the second series has (a stage that ended in it while none of the first did) keeps its place. */
    @Test
    void weeksAreInDateOrderWhicheverSeriesHasThem() {
        Map<String, Map<String, ? extends Number>> series = new LinkedHashMap<>();
        series.put("Received to triaged", new LinkedHashMap<>(Map.of("2026-09-07", 50.0, "2026-09-14", 40.0)));
        Map<String, Double> loop = new LinkedHashMap<>();
        loop.put("2026-08-31", 380.0);
        loop.put("2026-09-07", 600.0);
        loop.put("2026-09-21", 500.0);
        series.put("Whole loop", loop);

        List<String> weeks = labels(DashboardCharts.lines("Trend", "hours", series)).stream()
                .filter(l -> l.matches("\\d{4}-\\d{2}-\\d{2}")).toList();

        assertThat(weeks).containsExactly("2026-08-31", "2026-09-07", "2026-09-14", "2026-09-21");
    }

    private static List<String> labels(String svg) {
        Matcher m = TEXT.matcher(svg);
        List<String> labels = new ArrayList<>();
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }
}
