package hk.carerelay.dashboard.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.text.TextUtils;
import org.jfree.data.RangeType;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Draws the dashboard's charts on the server with JFreeChart and hands them to the browser as SVG text (JFreeSVG),
 * so no chart add-on or front-end bundle is needed. Charts only illustrate: the tables beside them hold the figures.
 */
final class DashboardCharts {

    static final int WIDTH = 560;
    static final int HEIGHT = 300;
    private static final Color[] SERIES = {new Color(0x1f, 0x6f, 0xb5), new Color(0xe0, 0x8a, 0x1e),
            new Color(0xc0, 0x39, 0x2b), new Color(0x2e, 0x8b, 0x57)};
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private DashboardCharts() {
    }

    /** A series of values by category: series name → (category → value), in the order given. */
    static String bars(String title, String valueAxis, Map<String, Map<String, ? extends Number>> series) {
        DefaultCategoryDataset data = dataset(series);
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxis, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        CategoryPlot plot = style(chart);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
        }
        return svg(chart);
    }

    /**
     * A line per series over a time axis: the categories (ISO dates, such as the first day of a week) are placed in
     * their sorted order whichever series has them, so a week that only a later series has is not drawn last.
     */
    static String lines(String title, String valueAxis, Map<String, Map<String, ? extends Number>> series) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        java.util.SortedSet<String> categories = new java.util.TreeSet<>();
        series.values().forEach(values -> categories.addAll(values.keySet()));
        series.forEach((name, values) -> categories.forEach(category -> data.addValue(values.get(category), name,
                category)));
        JFreeChart chart = ChartFactory.createLineChart(title, null, valueAxis, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        CategoryPlot plot = style(chart);
        LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        return svg(chart);
    }

    /** One series from a list of items. */
    static <T> Map<String, Map<String, ? extends Number>> one(String name, List<T> items, Function<T, String> key,
            Function<T, ? extends Number> value) {
        Map<String, Number> values = new java.util.LinkedHashMap<>();
        items.forEach(item -> values.put(key.apply(item), value.apply(item)));
        return Map.of(name, values);
    }

    private static DefaultCategoryDataset dataset(Map<String, Map<String, ? extends Number>> series) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> values.forEach((category, value) -> data.addValue(value, name, category)));
        return data;
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(FONT.deriveFont(Font.BOLD, 13f));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(FONT);
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setTickLabelFont(FONT);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        plot.getRangeAxis().setTickLabelFont(FONT);
        plot.getRangeAxis().setLabelFont(FONT);
        if (plot.getRangeAxis() instanceof NumberAxis values) {
            // near-zero values (turnarounds of seconds, in hours) made ticks of millionths, labelled like 3.5E-5: the
            // axis now starts at zero (nothing shown is negative) and spans at least one unit, and numbers are never
            // written with an exponent
            values.setAutoRangeIncludesZero(true);
            values.setRangeType(RangeType.POSITIVE);
            values.setAutoRangeMinimumSize(1.0);
            values.setNumberFormatOverride(new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        }
        return plot;
    }

    /**
     * The chart as an SVG element. Text is written as SVG text, not as glyph outlines, and coordinates with one decimal
     * (transforms with four): with the defaults a year's weekly chart was 850 KB, most of it the outlines of its
     * rotated week labels and sixteen-digit coordinates, and the year's dashboard sent 2.4 MB to the browser, which
     * took longer to show it than the server took to compute it.
     */
    static {
        // JFreeChart draws rotated labels (the weeks under a trend) through a TextLayout by default, a workaround for
        // old JDK bugs in on-screen drawing; into SVG that writes each label as glyph outlines (about 10 KB a label).
        // A global switch, and the dashboard is JFreeChart's only user here.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private static String svg(JFreeChart chart) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD);
        g2.setGeomDoubleConverter(d -> decimals(d, 1));
        g2.setTransformDoubleConverter(d -> decimals(d, 4));
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g2.getSVGElement();
    }

    /** A number rounded to so many decimal places, written without trailing zeros or an exponent. */
    static String decimals(double value, int places) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        return java.math.BigDecimal.valueOf(value).setScale(places, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
