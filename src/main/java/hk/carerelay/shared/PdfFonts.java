package hk.carerelay.shared;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The font for text CareRelay writes into a PDF: Helvetica when the text is Western, otherwise a subset of the CJK
 * TrueType font from configuration, embedded. Open until the document is saved, since subsetting happens on save.
 */
public final class PdfFonts implements Closeable {

    private final PDDocument document;
    private final Path cjkFontPath;
    private TrueTypeCollection collection;
    private PDFont cjk;
    private PDFont helvetica;

    public PdfFonts(PDDocument document, Path cjkFontPath) {
        this.document = document;
        this.cjkFontPath = cjkFontPath;
    }

    public PDFont fontFor(CharSequence text) throws IOException {
        if (!isLatin1(text)) {
            return cjk();
        }
        if (helvetica == null) {
            helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        }
        return helvetica;
    }

    private PDFont cjk() throws IOException {
        if (cjk != null) {
            return cjk;
        }
        if (!Files.isRegularFile(cjkFontPath)) {
            throw new IllegalStateException("no font for Chinese text at " + cjkFontPath
                    + " (carerelay.documents.cjk-font; Debian package fonts-wqy-microhei)");
        }
        if (cjkFontPath.toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            collection = new TrueTypeCollection(cjkFontPath.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(font -> {
                if (first[0] == null) {
                    first[0] = font;
                }
            });
            cjk = PDType0Font.load(document, first[0], true);
        } else {
            cjk = PDType0Font.load(document, cjkFontPath.toFile());
        }
        return cjk;
    }

    public static boolean isLatin1(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isLatin1(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether Helvetica's encoding has the character: printable Latin-1. */
    public static boolean isLatin1(char c) {
        return c <= 0xff && (c < 0x7f || c >= 0xa0);
    }

    /** Widths of characters in a font at a size; a character the font lacks gets the width of an em. */
    public static final class Widths {
        private final PDFont font;
        private final float size;
        // the basic plane in blocks of 256, made when a character of the block is first measured: a document mostly
        // needs one or two blocks, and a whole plane per font and document was half a megabyte to allocate and fill
        private final float[][] basic = new float[256][];
        private final Map<Integer, Float> supplementary = new HashMap<>();

        public Widths(PDFont font, float size) {
            this.font = font;
            this.size = size;
        }

        public boolean canShow(int codePoint) {
            return width(codePoint) >= 0;
        }

        /** The width, or -1 if the font cannot show the character. */
        public float width(int codePoint) {
            if (codePoint < 0x10000) {
                float[] block = basic[codePoint >> 8];
                if (block == null) {
                    block = new float[256];
                    Arrays.fill(block, Float.NaN);
                    basic[codePoint >> 8] = block;
                }
                float w = block[codePoint & 0xff];
                if (Float.isNaN(w)) {
                    w = measure(codePoint);
                    block[codePoint & 0xff] = w;
                }
                return w;
            }
            return supplementary.computeIfAbsent(codePoint, this::measure);
        }

        /**
         * Asks the font, which PDFBox does not make safe for threads: a font may be shared by tables of several
         * threads (one per thread), so the font itself is the lock.
         */
        private float measure(int codePoint) {
            try {
                synchronized (font) {
                    return font.getStringWidth(new String(Character.toChars(codePoint))) / 1000f * size;
                }
            } catch (IOException | IllegalArgumentException e) {
                return -1f;
            }
        }

        public float widthOrEm(int codePoint) {
            float w = width(codePoint);
            return w >= 0 ? w : size;
        }
    }

    @Override
    public void close() throws IOException {
        if (collection != null) {
            collection.close();
        }
    }
}
