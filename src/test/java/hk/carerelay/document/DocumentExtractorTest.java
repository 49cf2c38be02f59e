package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import hk.carerelay.document.DocumentRejectedException.Reason;

/** Extraction through the worker process: what is accepted and read, what is refused and why. */
class DocumentExtractorTest {

    private static DocumentExtractor extractor;

    @BeforeAll
    static void startWorker() {
        extractor = new DocumentExtractor(DocumentLimits.defaults());
    }

    @AfterAll
    static void stopWorker() {
        extractor.destroy();
    }

    @Test
    void readsTheTextOfEachPageOfATextPdf() {
        Extraction read = extractor.extract(TestDocuments.textPdf("Referral to cardiology\nChest pain on exertion",
                "Page two: medication list"));

        assertThat(read.type()).isEqualTo(DocumentType.PDF);
        assertThat(read.pages()).hasSize(2).noneMatch(Extraction.Page::scanned);
        assertThat(page(read, 0)).contains("Referral to cardiology", "Chest pain on exertion");
        assertThat(page(read, 1)).contains("medication list");
    }

    @Test
    void readsChineseTextFromATextPdf() {
        Extraction read = extractor.extract(TestDocuments.textPdf("病人：陳大文\n診斷：高血壓"));

        assertThat(read.text()).contains("陳大文", "高血壓");
    }

    @Test
    void readsAScannedPdfWithOcrAndKeepsWhereEachWordStands() {
        Extraction read = extractor.extract(TestDocuments.scannedPdf("Discharge summary\nPatient stable on warfarin"));

        Extraction.Page page = read.pages().get(0);
        assertThat(page.scanned()).isTrue();
        assertThat(read.text()).contains("Discharge", "summary", "warfarin");
        Extraction.Word warfarin = page.words().stream()
                .filter(w -> read.text().substring(w.start(), w.end()).contains("warfarin")).findFirst().orElseThrow();
        assertThat(warfarin.width()).isPositive();
        assertThat(warfarin.left()).isPositive();
    }

    @Test
    void ocrsOnlyThePagesOfAPdfThatHaveNoText() throws IOException {
        byte[] mixed = merge(TestDocuments.textPdf("Typed cover letter"), TestDocuments.scannedPdf("Handwritten note scanned"));

        Extraction read = extractor.extract(mixed);

        assertThat(read.pages()).extracting(Extraction.Page::scanned).containsExactly(false, true);
        assertThat(page(read, 0)).contains("Typed cover letter");
        assertThat(page(read, 1)).contains("note", "scanned");
    }

    @Test
    void readsADocx() {
        Extraction read = extractor.extract(TestDocuments.docx("Dear Dr Lee,", "Thank you for seeing Mr Chan."));

        assertThat(read.type()).isEqualTo(DocumentType.DOCX);
        assertThat(read.text()).contains("Dear Dr Lee,", "Thank you for seeing Mr Chan.");
    }

    @Test
    void takesTheTypeFromTheContentNotTheName() {
        // what an upload named "letter.pdf" holding plain text looks like: the name is never passed on
        Extraction read = extractor.extract(TestDocuments.plainText("Plain text letter, not a PDF at all.\n"));

        assertThat(read.type()).isEqualTo(DocumentType.TEXT);
        assertThat(read.text()).contains("Plain text letter, not a PDF at all.");
    }

    @Test
    void readsEnglishFromPngJpegAndTiff() {
        for (String format : new String[] {"png", "jpeg", "tiff"}) {
            Extraction read = extractor.extract(TestDocuments.image("Blood pressure normal\nReview in six weeks", format));

            assertThat(read.type().name()).isEqualTo(format.toUpperCase());
            assertThat(read.pages()).singleElement().satisfies(p -> assertThat(p.scanned()).isTrue());
            assertThat(read.text()).as(format).contains("Blood", "pressure", "Review", "weeks");
        }
    }

    @Test
    void readsTraditionalChineseFromAnImage() {
        Extraction read = extractor.extract(TestDocuments.image("病人姓名 陳大文\n覆診日期 下星期三", "png"));

        assertThat(read.text()).contains("陳大文", "覆診");
    }

    @Test
    void refusesAPasswordProtectedPdf() {
        assertRefused(TestDocuments.encryptedPdf("user-secret"), Reason.ENCRYPTED);
    }

    @Test
    void refusesAnEncryptedPdfEvenWithoutAnOpeningPassword() {
        assertRefused(TestDocuments.encryptedPdf(""), Reason.ENCRYPTED);
    }

    @Test
    void refusesAPasswordProtectedDocx() {
        assertRefused(TestDocuments.encryptedDocx(), Reason.ENCRYPTED);
    }

    @Test
    void refusesADocxWithMacros() {
        assertRefused(TestDocuments.docxWithMacros(), Reason.MACROS);
    }

    @Test
    void refusesAZipBombBeforeItUnpacks() {
        byte[] bomb = TestDocuments.zipBombDocx();
        assertThat(bomb.length).isLessThan(1_000_000);

        assertRefused(bomb, Reason.ZIP_BOMB);
    }

    @Test
    void refusesADocxDeclaringExternalEntities() {
        assertRefused(TestDocuments.xxeDocx(), Reason.EXTERNAL_ENTITIES);
    }

    @Test
    void refusesATruncatedPdf() {
        assertRefused(TestDocuments.truncatedPdf(), Reason.MALFORMED);
    }

    @Test
    void refusesAPdfWithTooManyPages() {
        assertRefused(TestDocuments.blankPdf(DocumentLimits.defaults().maxPages() + 1), Reason.TOO_MANY_PAGES);
    }

    @Test
    void refusesAPageTooLargeToRender() {
        assertRefused(TestDocuments.largePagePdf(14_400), Reason.TOO_LARGE);
    }

    @Test
    void refusesAnUnknownType() {
        assertRefused(TestDocuments.unknownBinary(), Reason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesTypesThatAreNotOnTheList() {
        assertRefused(TestDocuments.plainText("<html><body><p>A web page</p></body></html>"), Reason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesAFileOverTheSizeLimitWithoutReadingIt() {
        byte[] big = new byte[(int) DocumentLimits.defaults().maxSize().toBytes() + 1];

        assertRefused(big, Reason.TOO_LARGE);
    }

    @Test
    void readsAttachmentsButOnlyToTheNestingLimit() {
        Extraction read = extractor.extract(TestDocuments.nestedPdf(2));

        // the document's own page, then its attachment and the attachment's attachment, pages and all
        assertThat(read.pages()).hasSize(2);
        assertThat(page(read, 0)).contains("Cover letter level 1", "second line of level 1")
                .doesNotContain("level 0", "Innermost");
        assertThat(page(read, 1)).contains("second line of level 0", "says the patient is well");

        assertRefused(TestDocuments.nestedPdf(DocumentLimits.defaults().maxNestingDepth() + 1), Reason.TOO_DEEPLY_NESTED);
    }

    @Test
    void readsTheTextOfAPdfAttachedToAWordDocument() {
        Extraction read = extractor.extract(TestDocuments.docxWithAttachedPdf("Please see the attached report.",
                TestDocuments.textPdf("Echocardiogram report\nEjection fraction 55 percent")));

        // the second line is only on the attached PDF's page, not in its title
        assertThat(read.text()).contains("Please see the attached report.", "Ejection fraction 55 percent");
    }

    @Test
    void stopsAFileThatTakesTooLongAndStaysUsable() {
        DocumentExtractor hurried = new DocumentExtractor(DocumentLimits.defaults().withTimeout(Duration.ofSeconds(4)));
        try {
            hurried.warmUp();
            // forty scanned pages to OCR: minutes of work for a limit of seconds
            String[] pages = new String[40];
            java.util.Arrays.fill(pages, "Page of a long scanned record\nwith several lines of text");
            byte[] slow = TestDocuments.scannedPdf(pages);

            long started = System.nanoTime();
            assertThatThrownBy(() -> hurried.extract(slow)).isInstanceOfSatisfying(DocumentRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("")
                    .contains("tesseract"))).isEmpty();

            assertThat(hurried.extract(TestDocuments.textPdf("Still working")).text()).contains("Still working");
        } finally {
            hurried.destroy();
        }
    }

    @Test
    void aFileThatExhaustsTheWorkersMemoryIsRefusedAndTheApplicationCarriesOn() {
        DocumentLimits tight = new DocumentLimits(DataSize.ofMegabytes(25), 500, 2_000_000, 3, 100,
                DataSize.ofMegabytes(250), Long.MAX_VALUE, Duration.ofSeconds(60), DataSize.ofMegabytes(96), 1,
                "eng", 300, "tesseract", TestDocuments.CJK_FONT);
        DocumentExtractor small = new DocumentExtractor(tight);
        try {
            // a page of 434 million pixels, in a worker with 96 MB of heap
            assertThatThrownBy(() -> small.extract(TestDocuments.largePagePdf(5000)))
                    .isInstanceOfSatisfying(DocumentRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_MEMORY));

            assertThat(small.extract(TestDocuments.textPdf("After the crash")).text()).contains("After the crash");
        } finally {
            small.destroy();
        }
    }

    @Test
    void twoWorkersReadLongerPdfsAtOnceEachGivingBackItsOwnText() throws Exception {
        DocumentLimits d = DocumentLimits.defaults();
        DocumentExtractor two = new DocumentExtractor(new DocumentLimits(d.maxSize(), d.maxPages(), d.maxCharacters(),
                d.maxNestingDepth(), d.maxCompressionRatio(), d.maxUnpackedSize(), d.maxPixels(), d.timeout(),
                d.workerHeap(), 2, d.ocrLanguages(), d.ocrDpi(), d.tesseract(), d.cjkFont()));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (String who : List.of("Alpha", "Bravo")) {
                String[] pages = new String[6];
                for (int p = 0; p < pages.length; p++) {
                    pages[p] = who + " letter, page " + (p + 1) + "\nseen by the " + who + " clinic";
                }
                byte[] pdf = TestDocuments.textPdf(pages);
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        Extraction read = two.extract(pdf);
                        assertThat(read.pages()).hasSize(6);
                        for (int p = 0; p < 6; p++) {
                            assertThat(page(read, p)).contains(who + " letter, page " + (p + 1));
                        }
                        assertThat(read.text()).doesNotContain(who.equals("Alpha") ? "Bravo" : "Alpha");
                    }
                    return 10;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(10);
            }
        } finally {
            callers.shutdownNow();
            two.destroy();
        }
    }

    @Test
    void stopsReadingPastTheCharacterLimit() {
        DocumentLimits d = DocumentLimits.defaults();
        DocumentLimits fewCharacters = new DocumentLimits(d.maxSize(), d.maxPages(), 1000, d.maxNestingDepth(),
                d.maxCompressionRatio(), d.maxUnpackedSize(), d.maxPixels(), d.timeout(), d.workerHeap(), 1,
                d.ocrLanguages(), d.ocrDpi(), d.tesseract(), d.cjkFont());

        assertThatThrownBy(() -> new ContentExtraction(fewCharacters).extract(TestDocuments.plainText("x".repeat(5000))))
                .isInstanceOfSatisfying(DocumentRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MUCH_TEXT));
    }

    private static void assertRefused(byte[] content, Reason reason) {
        assertThatThrownBy(() -> extractor.extract(content)).isInstanceOfSatisfying(DocumentRejectedException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    static String page(Extraction read, int index) {
        Extraction.Page page = read.pages().get(index);
        return read.text().substring(page.start(), page.end());
    }

    static byte[] merge(byte[]... pdfs) throws IOException {
        PDFMergerUtility merger = new PDFMergerUtility();
        try (PDDocument target = new PDDocument()) {
            for (byte[] pdf : pdfs) {
                try (PDDocument source = Loader.loadPDF(pdf)) {
                    merger.appendDocument(target, source);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            target.save(out);
            return out.toByteArray();
        }
    }
}
