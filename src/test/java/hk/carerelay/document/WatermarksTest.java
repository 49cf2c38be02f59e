package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class WatermarksTest {

    private final Watermarks watermarks = new Watermarks(DocumentLimits.defaults());
    private final Watermark watermark = new Watermark("Dr LEE Ka Wai", "S1234", "陳大文 CHAN Tai Man",
            Instant.parse("2026-11-27T02:30:00Z"));

    @Test
    void saysWhoViewedWhoseRecordAndWhenInHongKongTime() {
        assertThat(watermark.text()).isEqualTo("Dr LEE Ka Wai (S1234) · 陳大文 CHAN Tai Man · 2026-11-27 10:30 HKT");
    }

    @Test
    void stampsTheWatermarkOnEveryPage() throws IOException {
        byte[] pdf = TestDocuments.textPdf("First page of the letter", "Second page", "Third page");

        byte[] stamped = watermarks.stamp(pdf, watermark);

        try (PDDocument document = Loader.loadPDF(stamped)) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            for (int page = 1; page <= 3; page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                // the stamp is slanted; content order keeps each copy's characters together
                stripper.setSortByPosition(false);
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document).replaceAll("\\s+", "");
                assertThat(text).as("page " + page).contains(watermark.text().replaceAll("\\s+", ""));
            }
        }
    }

    @Test
    void keepsThePagesOwnContent() throws IOException {
        byte[] stamped = watermarks.stamp(TestDocuments.textPdf("Chest pain on exertion"), watermark);

        try (PDDocument document = Loader.loadPDF(stamped)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Chest pain on exertion");
        }
    }

    @Test
    void drawsTheWatermarkOnRenderedPages() throws IOException {
        byte[] pdf = TestDocuments.textPdf("First page", "Second page");
        Watermark other = new Watermark("Dr WONG", "S9", "Someone else", Instant.parse("2026-11-27T02:30:00Z"));

        BufferedImage marked = png(watermarks.renderPage(pdf, 1, 72, watermark));
        BufferedImage plain = png(watermarks.renderPage(pdf, 1, 72, new Watermark("", "", "", Instant.EPOCH)));
        BufferedImage markedForOther = png(watermarks.renderPage(pdf, 1, 72, other));

        assertThat(watermarks.pageCount(pdf)).isEqualTo(2);
        assertThat(differingPixels(marked, plain)).isGreaterThan(1000);
        assertThat(differingPixels(marked, markedForOther)).isGreaterThan(1000);
    }

    /**
     * The copies of the text lie on parallel lines across the page: none runs into another (which would make the
     * viewer's name unreadable where two overlap), and no part of an A4 page is further than one line's spacing from a
     * copy, for short and long watermarks alike.
     */
    @Test
    void copiesNeverRunIntoEachOtherAndReachEveryPartOfThePage() {
        float width = 595;
        float height = 842;
        float spacing = 70;
        double cos = Math.cos(Watermarks.ANGLE);
        double sin = Math.sin(Watermarks.ANGLE);
        for (float textWidth : new float[] {60, 250, 430, 600, 900}) {
            List<float[]> tiles = Watermarks.tiles(width, height, textWidth, spacing);
            for (int i = 0; i < tiles.size(); i++) {
                for (int j = i + 1; j < tiles.size(); j++) {
                    double dx = tiles.get(j)[0] - tiles.get(i)[0];
                    double dy = tiles.get(j)[1] - tiles.get(i)[1];
                    double across = Math.abs(-dx * sin + dy * cos);
                    double along = Math.abs(dx * cos + dy * sin);
                    assertThat(across >= spacing - 0.01 || along >= textWidth)
                            .as("copies %d and %d of a %s-wide text: %.1f apart across, %.1f along", i, j,
                                    textWidth, across, along)
                            .isTrue();
                }
            }
            for (float x = 0; x <= width; x += 15) {
                for (float y = 0; y <= height; y += 15) {
                    double nearest = Double.MAX_VALUE;
                    for (float[] t : tiles) {
                        double u = (x - t[0]) * cos + (y - t[1]) * sin;
                        double v = -(x - t[0]) * sin + (y - t[1]) * cos;
                        double off = u < 0 ? -u : u > textWidth ? u - textWidth : 0;
                        nearest = Math.min(nearest, Math.hypot(off, v));
                    }
                    assertThat(nearest).as("distance from (%s, %s) to the nearest copy of a %s-wide text", x, y,
                            textWidth).isLessThanOrEqualTo(spacing);
                }
            }
        }
    }

    /** Every band of a rendered page carries the watermark, the bottom as much as the top. */
    @Test
    void theRenderedWatermarkCoversThePageFromTopToBottom() throws IOException {
        byte[] pdf = TestDocuments.textPdf("A page");
        Watermark long1 = new Watermark("Dr Chan Siu Ming", "gp.chan", "Ma Kin Wah", Instant.parse("2026-11-28T13:23:00Z"));

        BufferedImage marked = png(watermarks.renderPage(pdf, 0, 110, long1));
        BufferedImage plain = png(watermarks.renderPage(pdf, 0, 110, new Watermark("", "", "", Instant.EPOCH)));

        int bands = 6;
        int bandHeight = marked.getHeight() / bands;
        for (int band = 0; band < bands; band++) {
            long differing = 0;
            for (int y = band * bandHeight; y < (band + 1) * bandHeight; y++) {
                for (int x = 0; x < marked.getWidth(); x++) {
                    if (marked.getRGB(x, y) != plain.getRGB(x, y)) {
                        differing++;
                    }
                }
            }
            assertThat(differing).as("watermark pixels in band %d of %d from the top", band + 1, bands)
                    .isGreaterThan(500);
        }
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static long differingPixels(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        long differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        return differing;
    }
}
