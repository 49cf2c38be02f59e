package hk.carerelay.document;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.txt.TXTParser;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import hk.carerelay.document.DocumentRejectedException.Reason;

/**
 * Reads one document: checks it against the limits, detects its type from the content, extracts its text with Tika
 * and reads scanned pages and images with Tesseract. Runs inside the worker process, never on hostile bytes in the
 * application itself.
 */
final class ContentExtraction {

    private static final String ACCEPTED = "Upload a PDF, a Word document (.docx), plain text, or a PNG, JPEG or TIFF image.";

    /** From this many pages on, a PDF's two halves are read at once (see {@link CheckedPdfParser}). */
    static final int READ_IN_HALVES_FROM = 2;
    private static final byte[] PDF_MARKER = "%PDF-".getBytes(StandardCharsets.ISO_8859_1);

    private final DocumentLimits limits;
    private final Detector detector;
    private final ZipInspection zipInspection;
    private final Ocr ocr;
    /**
     * Two threads that help the calling thread read one file at a time: one names the type of a file that begins like a
     * PDF while the calling thread reads it, the other reads the second half of a longer PDF's pages.
     */
    private final ExecutorService helpers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "reading-help");
        thread.setDaemon(true);
        return thread;
    });

    private final int readInHalvesFrom;

    ContentExtraction(DocumentLimits limits) {
        this(limits, new DefaultDetector(), READ_IN_HALVES_FROM);
    }

    /**
     * With the detector that names types (tests give one that names a PDF something else) and the page count from
     * which a PDF is read in two halves at once ({@code Integer.MAX_VALUE}: never, the reference in tests).
     */
    ContentExtraction(DocumentLimits limits, Detector detector, int readInHalvesFrom) {
        this.limits = limits;
        this.detector = detector;
        this.readInHalvesFrom = readInHalvesFrom;
        this.zipInspection = new ZipInspection(limits);
        this.ocr = new Ocr(limits);
    }

    Extraction extract(byte[] content) {
        if (content.length == 0) {
            throw new DocumentRejectedException(Reason.MALFORMED, "The file is empty.");
        }
        if (content.length > limits.maxSize().toBytes()) {
            throw tooLarge();
        }
        if (ZipInspection.isZip(content)) {
            zipInspection.inspect(content);
        }
        if (Arrays.equals(content, 0, Math.min(content.length, PDF_MARKER.length), PDF_MARKER, 0, PDF_MARKER.length)) {
            return pdfWhileDetecting(content);
        }
        return extractAs(detect(content), content);
    }

    /**
     * A file that begins as a PDF does is read as one while Tika names its type from the content on the other thread;
     * Tika's verdict decides, as if it had come first. A refusal from the type wins over anything the reading found;
     * if Tika names another type, what was read is dropped and the file is read as that type. Type detection costs
     * about as much for every file whatever its length (a scan of the first bytes against every type Tika knows), so
     * this takes it off the time an upload waits.
     */
    private Extraction pdfWhileDetecting(byte[] content) {
        Future<DocumentType> type = helpers.submit(() -> detect(content));
        Extraction read = null;
        Throwable failed = null;
        try {
            read = pdf(content);
        } catch (RuntimeException | StackOverflowError e) {
            failed = e;
        }
        DocumentType detected = join(type);
        if (detected != DocumentType.PDF) {
            return extractAs(detected, content);
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof StackOverflowError e) {
            throw e;
        }
        return read;
    }

    /** What a helper's task returned; what it threw is thrown again as it was (a checked exception, wrapped). */
    private static <T> T join(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a file was read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error thrown) {
                throw thrown;
            }
            throw new IllegalStateException("A file could not be read", e.getCause());
        }
    }

    private Extraction extractAs(DocumentType type, byte[] content) {
        return switch (type) {
            case PDF -> pdf(content);
            case DOCX -> withTika(type, new OOXMLParser(), content);
            case TEXT -> withTika(type, new TXTParser(), content);
            case PNG, JPEG, TIFF -> image(type, content);
        };
    }

    DocumentType detect(byte[] content) {
        MediaType detected = mediaType(content);
        // what Tika calls a password-protected Office file (an encrypted package inside an OLE2 container)
        if (detected.getBaseType().toString().equals("application/x-tika-ooxml-protected")) {
            throw encrypted();
        }
        return DocumentType.ofMediaType(detected.getBaseType().toString()).orElseThrow(
                () -> new DocumentRejectedException(Reason.UNSUPPORTED_TYPE,
                        "Files of type " + detected.getBaseType() + " are not accepted. " + ACCEPTED));
    }

    private MediaType mediaType(byte[] content) {
        // no file name in the metadata: the type comes from the content alone
        try (TikaInputStream in = TikaInputStream.get(content)) {
            return detector.detect(in, new Metadata());
        } catch (IOException e) {
            throw new DocumentRejectedException(Reason.MALFORMED, "The file's type cannot be recognised.");
        }
    }

    private Extraction pdf(byte[] content) {
        requireEndOfFile(content);
        // The PDF is loaded once, by Tika; the checks run on that document before any text is extracted.
        CheckedPdfParser parser = new CheckedPdfParser(content);
        PageTextHandler handler;
        try {
            handler = parse(parser, content, 0);
        } finally {
            parser.awaitSecondHalf();
        }
        int pageCount = parser.pageCount;
        List<String> pageTexts = parser.withSecondHalf(handler.pages());
        TextBuilder text = new TextBuilder();
        PDDocument document = null;
        PDFRenderer renderer = null;
        try {
            for (int i = 0; i < pageCount; i++) {
                String pageText = i < pageTexts.size() ? pageTexts.get(i).strip() : "";
                if (!pageText.isEmpty()) {
                    text.textPage(pageText);
                    continue;
                }
                if (document == null) {
                    // a page without text is a scan: loaded again, to render it, only when there is one
                    document = Loader.loadPDF(content);
                    renderer = new PDFRenderer(document);
                }
                PDRectangle box = document.getPage(i).getCropBox();
                double scale = limits.ocrDpi() / 72.0;
                checkPixels((long) Math.ceil(box.getWidth() * scale) * (long) Math.ceil(box.getHeight() * scale));
                text.scannedPage(renderer.renderImageWithDPI(i, limits.ocrDpi(), ImageType.GRAY), limits.ocrDpi());
            }
        } catch (InvalidPasswordException e) {
            throw encrypted();
        } catch (IOException e) {
            throw new DocumentRejectedException(Reason.MALFORMED, "The PDF is damaged and cannot be read.");
        } finally {
            if (document != null) {
                try {
                    document.close();
                } catch (IOException e) {
                    // nothing was written; the bytes are in memory
                }
            }
        }
        String attachments = handler.outsidePages().strip();
        if (!attachments.isEmpty()) {
            text.textPage(attachments);
        }
        return text.build(DocumentType.PDF);
    }

    /**
     * Tika's PDF parser, with the checks that bound the work done on the document (not encrypted, at least one page,
     * at most the page limit) applied to the document Tika has just loaded, before it extracts any text.
     *
     * <p>A document of {@link #readInHalvesFrom} pages or more is read in two halves at once: once the checks have
     * passed, a helper loads the file again and reads the second half of the pages with a parser of its own, while
     * this parse goes on with the first half only. Tika reads each page on its own, so the pages' texts are those of
     * one parse; what lies outside the pages (attachments, bookmarks, form fields) comes from the first half's parse,
     * which still has the whole document but those pages. Both halves are awaited, whatever happens to either.
     */
    private final class CheckedPdfParser extends PDFParser {
        private final byte[] content;
        /** The pages this parse keeps: all, the first half, or (a helper's parse) the second. */
        private final int keepFrom;
        private final int keepTo;
        private int pageCount;
        /** With a second half: the number of pages this parse reads, the first of the helper's. */
        private int half;
        private Future<List<String>> secondHalf;

        CheckedPdfParser(byte[] content) {
            this(content, 0, Integer.MAX_VALUE);
        }

        private CheckedPdfParser(byte[] content, int keepFrom, int keepTo) {
            this.content = content;
            this.keepFrom = keepFrom;
            this.keepTo = keepTo;
        }

        @Override
        protected PDDocument getPDDocument(InputStream stream, TikaInputStream tstream, String password,
                RandomAccessStreamCache.StreamCacheCreateFunction cache, Metadata metadata, ParseContext context)
                throws IOException, EncryptedDocumentException {
            PDDocument document = super.getPDDocument(stream, tstream, password, cache, metadata, context);
            if (document.isEncrypted()) {
                document.close();
                throw encrypted();
            }
            pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                document.close();
                throw new DocumentRejectedException(Reason.MALFORMED, "The PDF has no pages.");
            }
            if (pageCount > limits.maxPages()) {
                document.close();
                throw tooManyPages(pageCount);
            }
            int from = keepFrom;
            int to = Math.min(keepTo, pageCount);
            if (keepTo == Integer.MAX_VALUE && pageCount >= readInHalvesFrom) {
                half = (pageCount + 1) / 2;
                int count = pageCount;
                secondHalf = helpers.submit(() -> {
                    CheckedPdfParser second = new CheckedPdfParser(content, half, count);
                    return ContentExtraction.this.parse(second, content, 0).pages();
                });
                to = half;
            }
            for (int i = pageCount - 1; i >= 0; i--) {
                if (i < from || i >= to) {
                    document.removePage(i);
                }
            }
            return document;
        }

        /** Waits for the helper's half, if there is one, so that nothing of this file is read after it is done. */
        void awaitSecondHalf() {
            if (secondHalf != null) {
                try {
                    secondHalf.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // thrown again by withSecondHalf if the first half read without fault
                }
            }
        }

        /** The texts of all pages: this parse's, then the helper's (whose refusal is thrown here, if it refused). */
        List<String> withSecondHalf(List<String> pages) {
            if (secondHalf == null) {
                return pages;
            }
            List<String> second = join(secondHalf);
            List<String> all = new ArrayList<>(pageCount);
            for (int i = 0; i < half; i++) {
                all.add(i < pages.size() ? pages.get(i) : "");
            }
            for (int i = 0; i < pageCount - half; i++) {
                all.add(i < second.size() ? second.get(i) : "");
            }
            return all;
        }
    }

    private Extraction withTika(DocumentType type, Parser parser, byte[] content) {
        PageTextHandler handler = parse(parser, content, 0);
        TextBuilder text = new TextBuilder();
        text.textPage(handler.outsidePages().strip());
        return text.build(type);
    }

    private PageTextHandler parse(Parser parser, byte[] content, int depth) {
        PageTextHandler handler = new PageTextHandler(limits.maxCharacters());
        try (TikaInputStream in = TikaInputStream.get(content)) {
            parser.parse(in, handler, new Metadata(), context(depth));
            return handler;
        } catch (IOException | SAXException | TikaException | RuntimeException e) {
            throw rejection(e);
        }
    }

    private ParseContext context(int depth) {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        pdf.setExtractAnnotationText(true);
        context.set(PDFParserConfig.class, pdf);
        context.set(EmbeddedDocumentExtractor.class, new NestedDocuments(depth, context));
        return context;
    }

    /** Turns what a parse threw into a refusal: ours if one of the handlers refused, otherwise by its kind. */
    private static DocumentRejectedException rejection(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof DocumentRejectedException refused) {
                return refused;
            }
            if (t instanceof EncryptedDocumentException
                    || t instanceof org.apache.poi.EncryptedDocumentException) {
                return encrypted();
            }
            if (t instanceof SAXException sax && sax.getException() instanceof DocumentRejectedException refused) {
                return refused;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("doctype") || message.contains("external entit")) {
                return new DocumentRejectedException(Reason.EXTERNAL_ENTITIES,
                        "The document declares a DTD or external entities; it is refused.");
            }
        }
        return new DocumentRejectedException(Reason.MALFORMED, "The file is damaged and cannot be read.");
    }

    private Extraction image(DocumentType type, byte[] content) {
        List<BufferedImage> frames = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadableImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int count = type == DocumentType.TIFF ? reader.getNumImages(true) : 1;
                if (count > limits.maxPages()) {
                    throw tooManyPages(count);
                }
                for (int frame = 0; frame < count; frame++) {
                    checkPixels((long) reader.getWidth(frame) * reader.getHeight(frame));
                    frames.add(opaque(reader.read(frame)));
                }
            } finally {
                reader.dispose();
            }
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // image decoders signal malformed input with all kinds of runtime exceptions
            throw unreadableImage();
        }
        TextBuilder text = new TextBuilder();
        for (BufferedImage frame : frames) {
            text.scannedPage(frame, 0);
        }
        return text.build(type);
    }

    private static DocumentRejectedException unreadableImage() {
        return new DocumentRejectedException(Reason.MALFORMED, "The image is damaged or in a form that cannot be read.");
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    // a PDF cut short in transfer may still half-load leniently; one without its end marker is refused outright
    private static void requireEndOfFile(byte[] content) {
        int from = Math.max(0, content.length - 1024);
        String tail = new String(content, from, content.length - from, StandardCharsets.ISO_8859_1);
        if (!tail.contains("%%EOF")) {
            throw new DocumentRejectedException(Reason.MALFORMED, "The PDF is incomplete (it has no end); upload it again.");
        }
    }

    private void checkPixels(long pixels) {
        if (pixels > limits.maxPixels()) {
            throw new DocumentRejectedException(Reason.TOO_LARGE,
                    "An image or page is too large (" + pixels / 1_000_000 + " megapixels).");
        }
    }

    private DocumentRejectedException tooLarge() {
        return new DocumentRejectedException(Reason.TOO_LARGE,
                "The file is larger than " + limits.maxSize().toMegabytes() + " MB.");
    }

    private DocumentRejectedException tooManyPages(int pages) {
        return new DocumentRejectedException(Reason.TOO_MANY_PAGES,
                "The document has " + pages + " pages; at most " + limits.maxPages() + " are accepted.");
    }

    private static DocumentRejectedException encrypted() {
        return new DocumentRejectedException(Reason.ENCRYPTED,
                "The document is password-protected or encrypted. Remove the protection and upload it again.");
    }

    /** Parses documents embedded in the one being read (attachments, embedded objects), to a bounded depth. */
    private final class NestedDocuments implements EmbeddedDocumentExtractor {
        private final int depth;
        private final ParseContext context;

        NestedDocuments(int depth, ParseContext context) {
            this.depth = depth;
            this.context = context;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return true;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws SAXException, IOException {
            if (depth + 1 > limits.maxNestingDepth()) {
                throw new SAXException(new DocumentRejectedException(Reason.TOO_DEEPLY_NESTED,
                        "Documents are embedded more than " + limits.maxNestingDepth() + " levels deep."));
            }
            byte[] content = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxSize().toBytes() + 1));
            if (content.length > limits.maxSize().toBytes()) {
                throw new SAXException(tooLarge());
            }
            if (content.length == 0) {
                return;
            }
            if (ZipInspection.isZip(content)) {
                zipInspection.inspect(content);
            }
            Optional<DocumentType> type = DocumentType.ofMediaType(mediaType(content).getBaseType().toString());
            Parser parser = type.map(t -> switch (t) {
                case PDF -> (Parser) new PDFParser();
                case DOCX -> new OOXMLParser();
                case TEXT -> new TXTParser();
                default -> null;
            }).orElse(null);
            if (parser == null) {
                // embedded pictures and other content are not read; the text around them is
                return;
            }
            NestedDocuments deeper = new NestedDocuments(depth + 1, context);
            ParseContext nested = context(depth + 1);
            nested.set(EmbeddedDocumentExtractor.class, deeper);
            try (TikaInputStream in = TikaInputStream.get(content)) {
                parser.parse(in, new EmbeddedContentHandler(handler), new Metadata(), nested);
            } catch (TikaException e) {
                throw new SAXException(rejection(e));
            }
        }
    }

    /** Assembles the text of all pages, with the offsets of each page and of every OCR word. */
    private final class TextBuilder {
        private final StringBuilder text = new StringBuilder();
        private final List<Extraction.Page> pages = new ArrayList<>();

        void textPage(String pageText) {
            int start = text.length();
            text.append(pageText);
            pages.add(Extraction.Page.text(start, text.length()));
            separate();
        }

        void scannedPage(BufferedImage image, int dpi) {
            byte[] png = png(image);
            Ocr.Result read = ocr.read(png, dpi);
            int start = text.length();
            text.append(read.text());
            List<Extraction.Word> words = read.words().stream()
                    .map(w -> new Extraction.Word(w.start() + start, w.end() + start, w.left(), w.top(), w.width(),
                            w.height()))
                    .toList();
            pages.add(new Extraction.Page(start, text.length(), png, words));
            separate();
        }

        private void separate() {
            text.append("\n\n");
            if (text.length() > limits.maxCharacters()) {
                throw new DocumentRejectedException(Reason.TOO_MUCH_TEXT,
                        "The document has more than " + limits.maxCharacters() + " characters of text.");
            }
        }

        Extraction build(DocumentType type) {
            return new Extraction(type, text.toString(), pages);
        }
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
