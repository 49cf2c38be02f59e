package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;

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
