package hk.carerelay.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.stereotype.Service;

import hk.carerelay.shared.PdfFonts;
import hk.carerelay.shared.SharedWork;

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
        return redact(extraction, masks, SharedWork.TEXT_WORTH_SHARING);
    }

    /**
     * As {@link #redact(Extraction, List)}, with the text length from which the text pages are typeset on two threads:
     * 0 for always, MAX_VALUE for never (tests).
     */
    byte[] redact(Extraction extraction, List<TextSpan> masks, int parallelFrom) {
        char[] text = extraction.text().toCharArray();
        boolean[] masked = new boolean[text.length];
        for (TextSpan mask : masks) {
            for (int i = Math.min(mask.start(), text.length); i < Math.min(mask.end(), text.length); i++) {
                masked[i] = true;
            }
        }
        List<Extraction.Page> pages = extraction.pages();
        try (PDDocument document = new PDDocument(); PdfFonts fonts = new PdfFonts(document, cjkFont)) {
            // first, in page order: each text page's font and its name in the pages' resources
            PDResources resources = new PDResources();
            Map<PDFont, COSName> names = new HashMap<>();
            PDFont[] pageFonts = new PDFont[pages.size()];
            for (int p = 0; p < pages.size(); p++) {
                Extraction.Page page = pages.get(p);
                if (!page.scanned()) {
                    pageFonts[p] = fonts.fontFor(firstNotLatin1(text, masked, page.start(), page.end()));
                    names.computeIfAbsent(pageFonts[p], resources::add);
                }
            }
            List<List<byte[]>> contents = typeset(text, masked, pages, pageFonts, names,
                    text.length >= parallelFrom && pages.stream().noneMatch(Extraction.Page::scanned));
            for (int p = 0; p < pages.size(); p++) {
                if (pages.get(p).scanned()) {
                    imagePage(document, pages.get(p), masks);
                } else {
                    for (byte[] content : contents.get(p)) {
                        textPage(document, resources, content);
                    }
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

    /**
     * Each text page's content streams (a page of the original may fill more than one page of the copy). When asked,
     * the text's two halves are typeset on two threads ({@link SharedWork}).
     */
    private static List<List<byte[]>> typeset(char[] text, boolean[] masked, List<Extraction.Page> pages,
            PDFont[] fonts, Map<PDFont, COSName> names, boolean twoThreads) {
        List<List<byte[]>> contents = new ArrayList<>(Collections.nCopies(pages.size(), List.of()));
        int split = twoThreads ? halfway(pages, text.length) : pages.size();
        SharedWork.run(List.of(
                () -> typeset(text, masked, pages, fonts, names, 0, split, contents),
                () -> typeset(text, masked, pages, fonts, names, split, pages.size(), contents)), twoThreads);
        return contents;
    }

    private static void typeset(char[] text, boolean[] masked, List<Extraction.Page> pages, PDFont[] fonts,
            Map<PDFont, COSName> names, int from, int to, List<List<byte[]>> contents) {
        Typesetter typesetter = new Typesetter(text, masked);
        // each thread its own tables; they ask the font itself only for a character they have not seen yet
        Map<PDFont, FontCodes> codes = new HashMap<>();
        try {
            for (int p = from; p < to; p++) {
                Extraction.Page page = pages.get(p);
                if (!page.scanned()) {
                    FontCodes font = codes.computeIfAbsent(fonts[p], f -> new FontCodes(f, names.get(f)));
                    contents.set(p, typesetter.page(font, page.start(), page.end()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the redacted PDF", e);
        } finally {
            typesetter.finish();
        }
    }

    /** The first page of the text's second half by characters. */
    private static int halfway(List<Extraction.Page> pages, int length) {
        for (int p = 0; p < pages.size(); p++) {
            if (pages.get(p).end() >= length / 2) {
                return p + 1;
            }
        }
        return pages.size();
    }

    /** The first visible character of a page that Latin-1 lacks, or nothing: what decides the page's font. */
    private static String firstNotLatin1(char[] text, boolean[] masked, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!masked[i] && !PdfFonts.isLatin1(text[i])) {
                return String.valueOf(text[i]);
            }
        }
        return "";
    }

    private static void textPage(PDDocument document, PDResources resources, byte[] compressed) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        page.setResources(resources);
        document.addPage(page);
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream raw = stream.createRawOutputStream()) {
            raw.write(compressed);
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        page.setContents(new PDStream(stream));
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

    /**
     * Lays out text on A4 pages, line by line, drawing a box instead of each run of masked characters. Writes each
     * page's content stream itself: text operators with the characters' codes looked up once per document, compressed
     * once per page at the fastest level (PDFBox's content stream writer formatted every number and encoded every string
     * afresh, and compressed at the default level; that was most of the time spent on a redacted copy).
     */
    private static final class Typesetter {
        // a char array rather than the String: every character is read three times (measure, break, write)
        private final char[] text;
        private final boolean[] masked;
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        private final PageContent content = new PageContent();
        private List<byte[]> pages;
        private FontCodes font;
        private float y;
        private final float lineWidth = PDRectangle.A4.getWidth() - 2 * MARGIN;

        Typesetter(char[] text, boolean[] masked) {
            this.text = text;
            this.masked = masked;
        }

        /** The compressed content streams of the copy's pages for this page of text, in the font given. */
        List<byte[]> page(FontCodes pageFont, int start, int end) throws IOException {
            font = pageFont;
            pages = new ArrayList<>(1);
            newPage();
            int paragraph = start;
            while (paragraph <= end) {
                int newline = indexOfNewline(paragraph, end);
                int paragraphEnd = newline < 0 ? end : newline;
                paragraph(paragraph, paragraphEnd);
                paragraph = paragraphEnd + 1;
            }
            finishPage();
            return pages;
        }

        private int indexOfNewline(int from, int end) {
            for (int i = from; i < end; i++) {
                if (text[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        void finish() {
            deflater.end();
        }

        private void paragraph(int start, int end) throws IOException {
            int lineStart = start;
            float width = 0;
            int lastBreak = -1;
            int i = start;
            while (i < end) {
                int cp = Character.codePointAt(text, i);
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
                    while (lineStart < end && text[lineStart] == ' ') {
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
            PdfFonts.Widths widths = font.widths;
            if (cp == '\t') {
                return widths.widthOrEm(' ') * 4;
            }
            if (Character.isISOControl(cp)) {
                return 0;
            }
            if (masked[index]) {
                return widths.widthOrEm(cp);
            }
            float w = widths.width(cp);
            return w >= 0 ? w : Math.max(0, widths.widthOrEm('?'));
        }

        private void line(int start, int end) throws IOException {
            if (y < MARGIN) {
                finishPage();
                newPage();
            }
            float x = MARGIN;
            float textX = MARGIN;
            boolean inText = false;
            int boxes = 0;
            int i = start;
            while (i < end) {
                boolean hidden = masked[i];
                int runEnd = i;
                float runWidth = 0;
                boolean shows = false;
                while (runEnd < end && masked[runEnd] == hidden) {
                    int cp = Character.codePointAt(text, runEnd);
                    runWidth += charWidth(runEnd, cp);
                    shows |= !hidden && !Character.isISOControl(cp) || cp == '\t';
                    runEnd += Character.charCount(cp);
                }
                if (hidden) {
                    content.box(x, y - FONT_SIZE * 0.25f, runWidth, FONT_SIZE * 1.1f);
                    boxes++;
                } else if (shows) {
                    if (!inText) {
                        content.beginText(font.name, FONT_SIZE, x, y);
                        inText = true;
                    } else {
                        content.moveText(x - textX);
                    }
                    textX = x;
                    content.beginString();
                    for (int c = i; c < runEnd; ) {
                        int cp = Character.codePointAt(text, c);
                        showable(cp);
                        c += Character.charCount(cp);
                    }
                    content.endString();
                }
                x += runWidth;
                i = runEnd;
            }
            if (inText) {
                content.endText();
            }
            // a path cannot be drawn inside a text object: the boxes wait until the line's text is written
            content.flushBoxes();
            if (boxes > 0) {
                content.fill();
            }
            y -= LEADING;
        }

        private void showable(int cp) throws IOException {
            if (cp == '\t') {
                for (int k = 0; k < 4; k++) {
                    content.raw(font.shown(' '));
                }
            } else if (!Character.isISOControl(cp)) {
                content.raw(font.shown(cp));
            }
        }

        private void newPage() {
            content.reset();
            content.op("0 0 0 rg\n");
            y = PDRectangle.A4.getHeight() - MARGIN - FONT_SIZE;
        }

        private void finishPage() {
            pages.add(content.deflate(deflater));
        }
    }

    /**
     * A font's name on the page, its widths, and the bytes that show each character, worked out once each per thread.
     */
    private static final class FontCodes {
        private final PDFont font;
        private final COSName name;
        private final PdfFonts.Widths widths;
        // the basic plane in blocks of 256, made as needed (as in PdfFonts.Widths)
        private final byte[][][] basic = new byte[256][][];
        private final Map<Integer, byte[]> supplementary = new HashMap<>();

        FontCodes(PDFont font, COSName name) {
            this.font = font;
            this.name = name;
            this.widths = new PdfFonts.Widths(font, FONT_SIZE);
        }

        /**
         * What shows the character inside a literal string: its code in the font (or the code of '?' where the font
         * lacks the glyph), escaped as PDF's string syntax needs.
         */
        byte[] shown(int codePoint) throws IOException {
            byte[][] block = null;
            if (codePoint < 0x10000) {
                block = basic[codePoint >> 8];
                if (block == null) {
                    block = new byte[256][];
                    basic[codePoint >> 8] = block;
                }
            }
            byte[] shown = block != null ? block[codePoint & 0xff] : supplementary.get(codePoint);
            if (shown == null) {
                shown = escaped(widths.canShow(codePoint) ? code(codePoint) : code('?'));
                if (block != null) {
                    block[codePoint & 0xff] = shown;
                } else {
                    supplementary.put(codePoint, shown);
                }
            }
            return shown;
        }

        /** The character's code in the font; a font that is subset on saving learns that it needs the glyph. */
        private byte[] code(int codePoint) throws IOException {
            // the font is shared by the threads typesetting one document (see PdfFonts.Widths)
            synchronized (font) {
                byte[] code = font.encode(new String(Character.toChars(codePoint)));
                if (font.willBeSubset()) {
                    font.addToSubset(codePoint);
                }
                return code;
            }
        }

        private static byte[] escaped(byte[] code) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(code.length * 4);
            for (byte b : code) {
                int v = b & 0xff;
                if (v == '(' || v == ')' || v == '\\') {
                    out.write('\\');
                    out.write(v);
                } else if (v < 0x20 || v > 0x7e) {
                    out.write('\\');
                    out.write('0' + (v >> 6));
                    out.write('0' + ((v >> 3) & 7));
                    out.write('0' + (v & 7));
                } else {
                    out.write(v);
                }
            }
            return out.toByteArray();
        }
    }

    /** The operators of one page's content stream, written as bytes. */
    private static final class PageContent {
        private byte[] bytes = new byte[16 * 1024];
        private int length;
        private float[] boxes = new float[64];
        private int boxCount;

        void reset() {
            length = 0;
            boxCount = 0;
        }

        void beginText(COSName font, float size, float x, float y) {
            op("BT\n/");
            op(font.getName());
            op(" ");
            number(size);
            op(" Tf\n");
            number(x);
            op(" ");
            number(y);
            op(" Td\n");
        }

        void moveText(float dx) {
            number(dx);
            op(" 0 Td\n");
        }

        void beginString() {
            put('(');
        }

        /** Bytes as they are: a character's codes already escaped for a literal string. */
        void raw(byte[] shown) {
            if (shown.length == 1) {
                put(shown[0]);
                return;
            }
            if (length + shown.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + shown.length));
            }
            System.arraycopy(shown, 0, bytes, length, shown.length);
            length += shown.length;
        }

        void endString() {
            op(") Tj\n");
        }

        void endText() {
            op("ET\n");
        }

        void box(float x, float y, float width, float height) {
            if (boxCount + 4 > boxes.length) {
                boxes = Arrays.copyOf(boxes, boxes.length * 2);
            }
            boxes[boxCount++] = x;
            boxes[boxCount++] = y;
            boxes[boxCount++] = width;
            boxes[boxCount++] = height;
        }

        void flushBoxes() {
            for (int b = 0; b < boxCount; b += 4) {
                number(boxes[b]);
                put(' ');
                number(boxes[b + 1]);
                put(' ');
                number(boxes[b + 2]);
                put(' ');
                number(boxes[b + 3]);
                op(" re\n");
            }
            boxCount = 0;
        }

        void fill() {
            op("f\n");
        }

        void op(String operator) {
            for (int i = 0; i < operator.length(); i++) {
                put(operator.charAt(i));
            }
        }

        /** A number with at most three decimals, as PDF writes them (no exponent). */
        void number(float value) {
            long thousandths = Math.round(value * 1000.0);
            if (thousandths < 0) {
                put('-');
                thousandths = -thousandths;
            }
            long whole = thousandths / 1000;
            int fraction = (int) (thousandths % 1000);
            digits(whole);
            if (fraction != 0) {
                put('.');
                put('0' + fraction / 100);
                fraction %= 100;
                if (fraction != 0) {
                    put('0' + fraction / 10);
                    fraction %= 10;
                    if (fraction != 0) {
                        put('0' + fraction);
                    }
                }
            }
        }

        private void digits(long value) {
            if (value >= 10) {
                digits(value / 10);
            }
            put((int) ('0' + value % 10));
        }

        private void put(int b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = (byte) b;
        }

        byte[] deflate(Deflater deflater) {
            deflater.reset();
            deflater.setInput(bytes, 0, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 3 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        }
    }
}
