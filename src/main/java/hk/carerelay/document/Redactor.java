package hk.carerelay.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.stereotype.Service;

import hk.carerelay.shared.PdfFonts;

/**
 * Produces the redacted copy of a document as a new PDF: text pages are typeset afresh from the extracted text with a
 * black box where each masked character stood, scanned pages are their page image with the masked words painted
 * over. Nothing of the original file is carried over, so no hidden layer, metadata or XMP can hold what was masked.
 */
@Service
public class Redactor {

    private static final float MARGIN = 56;
    private static final float FONT_SIZE = 10.5f;
    private static final float LEADING = 15;
    private static final int BOX_PADDING = 3;

    private final DocumentExtractor extractor;
    private final Path cjkFont;

    public Redactor(DocumentExtractor extractor, DocumentLimits limits) {
        this.extractor = extractor;
        this.cjkFont = limits.cjkFont();
    }

    /** Reads the original (bounded, in a worker) and returns its redacted copy. */
    public byte[] redact(byte[] original, List<TextSpan> masks) {
        return redact(extractor.extract(original), masks);
    }

    /** The redacted copy of a document already read; the masks are offsets into {@link Extraction#text()}. */
    public byte[] redact(Extraction extraction, List<TextSpan> masks) {
        String text = extraction.text();
        boolean[] masked = new boolean[text.length()];
        for (TextSpan mask : masks) {
            for (int i = Math.min(mask.start(), text.length()); i < Math.min(mask.end(), text.length()); i++) {
                masked[i] = true;
            }
        }
        try (PDDocument document = new PDDocument(); PdfFonts fonts = new PdfFonts(document, cjkFont)) {
            Typesetter typesetter = new Typesetter(document, fonts, text, masked);
            for (Extraction.Page page : extraction.pages()) {
                if (page.scanned()) {
                    imagePage(document, page, masks);
                } else {
                    typesetter.page(page.start(), page.end());
                }
            }
            if (document.getNumberOfPages() == 0) {
                document.addPage(new PDPage(PDRectangle.A4));
            }
            document.getDocumentCatalog().setMetadata(null);
            document.getDocument().getTrailer().removeItem(COSName.INFO);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the redacted PDF", e);
        }
    }

    private static void imagePage(PDDocument document, Extraction.Page page, List<TextSpan> masks) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(page.image()));
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        for (Extraction.Word word : page.words()) {
            if (masks.stream().anyMatch(m -> m.overlaps(word.start(), word.end()))) {
                g.fillRect(word.left() - BOX_PADDING, word.top() - BOX_PADDING, word.width() + 2 * BOX_PADDING,
                        word.height() + 2 * BOX_PADDING);
            }
        }
        g.dispose();
        boolean landscape = image.getWidth() > image.getHeight();
        PDRectangle a4 = PDRectangle.A4;
        PDRectangle size = landscape ? new PDRectangle(a4.getHeight(), a4.getWidth()) : a4;
        float scale = Math.min(size.getWidth() / image.getWidth(), size.getHeight() / image.getHeight());
        float width = image.getWidth() * scale;
        float height = image.getHeight() * scale;
        PDPage pdfPage = new PDPage(size);
        document.addPage(pdfPage);
        PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
        try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
            content.drawImage(xobject, (size.getWidth() - width) / 2, (size.getHeight() - height) / 2, width, height);
        }
    }

    /** Lays out text on A4 pages, line by line, drawing a box instead of each run of masked characters. */
    private static final class Typesetter {
        private final PDDocument document;
        private final PdfFonts fonts;
        private final String text;
        private final boolean[] masked;
        private PDFont font;
        private PdfFonts.Widths widths;
        private PDPageContentStream content;
        private float y;
        private final float lineWidth = PDRectangle.A4.getWidth() - 2 * MARGIN;

        Typesetter(PDDocument document, PdfFonts fonts, String text, boolean[] masked) {
            this.document = document;
            this.fonts = fonts;
            this.text = text;
            this.masked = masked;
        }

        void page(int start, int end) throws IOException {
            StringBuilder visible = new StringBuilder();
            for (int i = start; i < end; i++) {
                if (!masked[i]) {
                    visible.append(text.charAt(i));
                }
            }
            PDFont chosen = fonts.fontFor(visible);
            if (chosen != font) {
                font = chosen;
                widths = new PdfFonts.Widths(font, FONT_SIZE);
            }
            newPage();
            try {
                int paragraph = start;
                while (paragraph <= end) {
                    int newline = text.indexOf('\n', paragraph);
                    int paragraphEnd = newline < 0 || newline > end ? end : newline;
                    paragraph(paragraph, paragraphEnd);
                    paragraph = paragraphEnd + 1;
                }
            } finally {
                content.close();
            }
        }

        private void paragraph(int start, int end) throws IOException {
            int lineStart = start;
            float width = 0;
            int lastBreak = -1;
            int i = start;
            while (i < end) {
                int cp = text.codePointAt(i);
                int next = i + Character.charCount(cp);
                boolean han = cp >= 0x2E80 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
                if (han && i > lineStart) {
                    lastBreak = i;
                }
                float w = charWidth(i, cp);
                if (width + w > lineWidth && i > lineStart) {
                    int breakAt = lastBreak > lineStart ? lastBreak : i;
                    line(lineStart, breakAt);
                    lineStart = breakAt;
                    while (lineStart < end && text.charAt(lineStart) == ' ') {
                        lineStart++;
                    }
                    lastBreak = -1;
                    width = 0;
                    i = lineStart;
                    continue;
                }
                width += w;
                if (cp == ' ' || han) {
                    lastBreak = next;
                }
                i = next;
            }
            line(lineStart, end);
        }

        private float charWidth(int index, int cp) {
            if (cp == '\t') {
                return widths.widthOrEm(' ') * 4;
            }
            if (Character.isISOControl(cp)) {
                return 0;
            }
            return masked[index] ? widths.widthOrEm(cp) : Math.max(0, widths.width(cp) >= 0 ? widths.width(cp)
                    : widths.widthOrEm('?'));
        }

        private void line(int start, int end) throws IOException {
            if (y < MARGIN) {
                content.close();
                newPage();
            }
            float x = MARGIN;
            float textX = MARGIN;
            boolean inText = false;
            List<float[]> boxes = new ArrayList<>();
            int i = start;
            while (i < end) {
                boolean hidden = masked[i];
                int runEnd = i;
                StringBuilder shown = new StringBuilder();
                float runWidth = 0;
                while (runEnd < end && masked[runEnd] == hidden) {
                    int cp = text.codePointAt(runEnd);
                    runWidth += charWidth(runEnd, cp);
                    if (!hidden) {
                        appendShowable(shown, cp);
                    }
                    runEnd += Character.charCount(cp);
                }
                if (hidden) {
                    boxes.add(new float[] {x, runWidth});
                } else if (!shown.isEmpty()) {
                    if (!inText) {
                        content.beginText();
                        content.setFont(font, FONT_SIZE);
                        content.newLineAtOffset(x, y);
                        inText = true;
                    } else {
                        content.newLineAtOffset(x - textX, 0);
                    }
                    textX = x;
                    content.showText(shown.toString());
                }
                x += runWidth;
                i = runEnd;
            }
            if (inText) {
                content.endText();
            }
            for (float[] box : boxes) {
                content.addRect(box[0], y - FONT_SIZE * 0.25f, box[1], FONT_SIZE * 1.1f);
            }
            if (!boxes.isEmpty()) {
                content.fill();
            }
            y -= LEADING;
        }

        private void appendShowable(StringBuilder shown, int cp) {
            if (cp == '\t') {
                shown.append("    ");
            } else if (Character.isISOControl(cp)) {
                return;
            } else if (widths.canShow(cp)) {
                shown.appendCodePoint(cp);
            } else {
                shown.append('?');
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            content.setNonStrokingColor(Color.BLACK);
            y = PDRectangle.A4.getHeight() - MARGIN - FONT_SIZE;
        }
    }
}
