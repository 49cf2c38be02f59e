package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.Test;

import hk.carerelay.document.DocumentRejectedException.Reason;

/**
 * Extraction in this JVM, where the ways of reading one file can be compared: a PDF's halves read at once against one
 * parse of the whole, and a file beginning like a PDF read while Tika names its type against Tika naming it first.
 */
class ContentExtractionTest {

    private static final DocumentLimits LIMITS = DocumentLimits.defaults();
    /** The reference: one parse of the whole document, after the type is known. */
    private final ContentExtraction whole = new ContentExtraction(LIMITS, new DefaultDetector(), Integer.MAX_VALUE);
    private final ContentExtraction inHalves = new ContentExtraction(LIMITS);

    @Test
    void aPdfReadInHalvesGivesTheTextAndPagesOfOneParse() throws IOException {
        List<byte[]> pdfs = new ArrayList<>();
        for (int pages : new int[] {2, 3, 7, 12}) {
            pdfs.add(TestDocuments.textPdf(letterPages(pages)));
        }
        pdfs.add(TestDocuments.textPdf("病人：陳大文\n地址：九龍旺角彌敦道 600 號 12 樓 B 室", "Page two\nin English", "第三頁：高血壓"));
        pdfs.add(TestDocuments.textPdf("Cover letter", "", "Third page after a blank one"));
        pdfs.add(DocumentExtractorTest.merge(TestDocuments.textPdf("Typed cover letter", "Second typed page"),
                TestDocuments.scannedPdf("Handwritten note scanned")));
        pdfs.add(DocumentExtractorTest.merge(TestDocuments.nestedPdf(2), TestDocuments.textPdf("Page after the attachment's cover",
                "And one more")));
        for (Path letter : corpusLetters()) {
            String text = Files.readString(letter, StandardCharsets.UTF_8);
            pdfs.add(TestDocuments.textPdf(text.split("\n\n")));
        }

        for (byte[] pdf : pdfs) {
            Extraction expected = whole.extract(pdf);
            for (int i = 0; i < 3; i++) {
                Extraction read = inHalves.extract(pdf);
                assertThat(read.text()).isEqualTo(expected.text());
                assertThat(read.pages()).extracting(Extraction.Page::start, Extraction.Page::end,
                        Extraction.Page::scanned).containsExactlyElementsOf(expected.pages().stream()
                                .map(p -> org.assertj.core.groups.Tuple.tuple(p.start(), p.end(), p.scanned()))
                                .toList());
            }
        }
        assertThat(inHalves.extract(pdfs.get(pdfs.size() - 1)).pages()).hasSizeGreaterThan(1);
    }

    @Test
    void aPdfReadInHalvesIsRefusedForTheSameReasonAsOneParse() throws IOException {
        DocumentLimits d = LIMITS;
        DocumentLimits fewCharacters = new DocumentLimits(d.maxSize(), d.maxPages(), 600, d.maxNestingDepth(),
                d.maxCompressionRatio(), d.maxUnpackedSize(), d.maxPixels(), d.timeout(), d.workerHeap(), 1,
                d.ocrLanguages(), d.ocrDpi(), d.tesseract(), d.cjkFont());
        byte[] longSecondHalf = TestDocuments.textPdf("Short first page", "Second page",
                "x".repeat(70) + "\n" + "y".repeat(70) + "\n" + "z".repeat(70),
                ("A long line of the fourth page. ".repeat(2) + "\n").repeat(12));
        List<Supplier<Extraction>> reads = List.of(
                () -> new ContentExtraction(fewCharacters, new DefaultDetector(), Integer.MAX_VALUE)
                        .extract(longSecondHalf),
                () -> new ContentExtraction(fewCharacters).extract(longSecondHalf));
        for (Supplier<Extraction> read : reads) {
            assertThatThrownBy(read::get).isInstanceOfSatisfying(DocumentRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH_TEXT));
        }

        byte[] deeplyNested = DocumentExtractorTest.merge(TestDocuments.nestedPdf(LIMITS.maxNestingDepth() + 1),
                TestDocuments.textPdf("A second page", "A third"));
        for (ContentExtraction extraction : List.of(whole, inHalves)) {
            assertThatThrownBy(() -> extraction.extract(deeplyNested)).isInstanceOfSatisfying(
                    DocumentRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_DEEPLY_NESTED));
            assertThatThrownBy(() -> extraction.extract(TestDocuments.encryptedPdf(""))).isInstanceOfSatisfying(
                    DocumentRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ENCRYPTED));
        }
        // and the helpers are free again: the next file reads as ever
        assertThat(inHalves.extract(TestDocuments.textPdf(letterPages(4))).text())
                .isEqualTo(whole.extract(TestDocuments.textPdf(letterPages(4))).text());
    }

    @Test
    void aFileBeginningLikeAPdfIsReadAsTheTypeTikaNames() {
        byte[] content = "%PDF-1.7 is how this note begins, but it is a plain note about a referral.\n"
                .getBytes(StandardCharsets.UTF_8);
        ContentExtraction namedText = new ContentExtraction(LIMITS, naming("text/plain"), Integer.MAX_VALUE);

        Extraction read = namedText.extract(content);

        assertThat(read.type()).isEqualTo(DocumentType.TEXT);
        assertThat(read.text()).contains("plain note about a referral");
    }

    @Test
    void theTypeTikaNamesDecidesARefusalBeforeWhatTheReadingFound() {
        // read as a PDF this is damaged (no end); Tika's verdict on the type is what the uploader is told
        byte[] content = "%PDF-1.4 not really anything".getBytes(StandardCharsets.ISO_8859_1);
        ContentExtraction namedUnknown = new ContentExtraction(LIMITS, naming("application/x-something-else"),
                Integer.MAX_VALUE);

        assertThatThrownBy(() -> namedUnknown.extract(content)).isInstanceOfSatisfying(
                DocumentRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> whole.extract(content)).isInstanceOfSatisfying(DocumentRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    /** A detector that names every file the given type. */
    private static Detector naming(String type) {
        return (InputStream input, Metadata metadata) -> MediaType.parse(type);
    }

    private static String[] letterPages(int pages) {
        String[] texts = new String[pages];
        for (int p = 0; p < pages; p++) {
            StringBuilder page = new StringBuilder();
            for (int line = 0; line < 40; line++) {
                page.append("Page ").append(p + 1).append(" line ").append(line)
                        .append(": Patient CHAN Tai Man, HKID A123456(3), phone 9123 4567.\n");
            }
            texts[p] = page.toString().strip();
        }
        return texts;
    }

    private static List<Path> corpusLetters() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/redaction/corpus"))) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().limit(12).toList();
        }
    }
}
