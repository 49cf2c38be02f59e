package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import hk.carerelay.shared.SharedWork;

/** Redacted copies: the masked text is gone from the text, the images and the metadata; the rest is still there. */
class RedactorTest {

    private static DocumentExtractor extractor;
    private static Redactor redactor;

    @BeforeAll
    static void start() {
        extractor = new DocumentExtractor(DocumentLimits.defaults());
        redactor = new Redactor(extractor, DocumentLimits.defaults());
    }

    @AfterAll
    static void stop() {
        extractor.destroy();
    }

    @Test
    void masksNamesAndIdentityNumbersInATextPdfAndKeepsTheRest() throws Exception {
        byte[] original = TestDocuments.textPdf(
                "Referral for CHAN Tai Man, HKID A123456(7)\nChest pain on exertion for three weeks.",
                "Page two. Please see CHAN Tai Man within two weeks.");
        Extraction read = extractor.extract(original);

        byte[] redacted = redactor.redact(read, spansOf(read.text(), "CHAN Tai Man", "A123456(7)"));

        String text = tika(redacted);
        assertThat(text).doesNotContain("CHAN", "Tai Man", "A123456").contains("Referral for", "Chest pain on exertion",
                "Please see", "within two weeks");
        assertNoMetadata(redacted);
        assertThat(new String(redacted, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("Original Author", "CHAN");
    }

    @Test
    void masksChineseNamesAndKeepsTheChineseAroundThem() throws Exception {
        Extraction read = extractor.extract(TestDocuments.textPdf("病人：陳大文，男，六十五歲\n診斷：高血壓，建議覆診"));

        byte[] redacted = redactor.redact(read, spansOf(read.text(), "陳大文"));

        assertThat(tika(redacted)).doesNotContain("陳大文", "陳").contains("病人", "六十五歲", "高血壓");
        assertNoMetadata(redacted);
    }

    @Test
    void masksADocxAndAPlainTextFile() throws Exception {
        Extraction docx = extractor.extract(TestDocuments.docx("Dear Dr Lee,", "Mrs WONG Mei Ling, born 1950-03-02."));
        Extraction text = extractor.extract(TestDocuments.plainText("Patient: WONG Mei Ling\nPhone 9123 4567\n"));

        assertThat(tika(redactor.redact(docx, spansOf(docx.text(), "WONG Mei Ling", "1950-03-02"))))
                .doesNotContain("WONG", "Mei Ling", "1950").contains("Dear Dr Lee", "born");
        assertThat(tika(redactor.redact(text, spansOf(text.text(), "WONG Mei Ling", "9123 4567"))))
                .doesNotContain("WONG", "9123").contains("Patient", "Phone");
    }

    @Test
    void burnsMasksIntoScannedPagesAndLeavesNoTextLayer() throws Exception {
        Extraction read = extractor.extract(TestDocuments.scannedPdf("Patient Margaret Thompson\nStable on warfarin"));
        assertThat(read.text()).contains("Thompson");

        byte[] redacted = redactor.redact(read, spansOf(read.text(), "Margaret Thompson"));

        assertThat(tika(redacted)).isBlank();
        assertNoMetadata(redacted);
        try (PDDocument pdf = Loader.loadPDF(redacted)) {
            PDPage page = pdf.getPage(0);
            long images = java.util.stream.StreamSupport.stream(page.getResources().getXObjectNames().spliterator(), false)
                    .filter(name -> {
                        try {
                            return page.getResources().getXObject(name) instanceof PDImageXObject;
                        } catch (IOException e) {
                            return false;
                        }
                    }).count();
            assertThat(images).isEqualTo(1);
        }
        // what OCR can still read off the redacted page
        String reread = extractor.extract(redacted).text();
        assertThat(reread).doesNotContain("Margaret", "Thompson").contains("Patient", "warfarin");
    }

    @Test
    void burnsMasksIntoImages() {
        Extraction read = extractor.extract(TestDocuments.image("Patient Margaret Thompson\nReview in six weeks", "png"));

        byte[] redacted = redactor.redact(read, spansOf(read.text(), "Thompson"));

        String reread = extractor.extract(redacted).text();
        assertThat(reread).doesNotContain("Thompson").contains("Margaret", "Review");
    }

    @Test
    void redactsAMixedDocumentPageByPage() throws Exception {
        byte[] mixed = DocumentExtractorTest.merge(TestDocuments.textPdf("Typed letter about Margaret Thompson"),
                TestDocuments.scannedPdf("Scanned note on Margaret Thompson"));
        Extraction read = extractor.extract(mixed);

        byte[] redacted = redactor.redact(read, spansOf(read.text(), "Margaret Thompson"));

        assertThat(extractor.extract(redacted).text()).doesNotContain("Margaret", "Thompson").contains("Typed letter",
                "Scanned", "note");
    }

    @Test
    void wrapsLongTextOntoFurtherPagesWithoutLosingAnyOfIt() throws Exception {
        StringBuilder letter = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            letter.append("Line ").append(i).append(" of a long letter about Mr CHAN Siu Ming and his care plan. ");
        }
        Extraction read = extractor.extract(TestDocuments.plainText(letter.toString()));

        byte[] redacted = redactor.redact(read, spansOf(read.text(), "CHAN Siu Ming"));

        String text = tika(redacted).replaceAll("\\s+", " ");
        assertThat(text).doesNotContain("CHAN", "Siu Ming").contains("Line 0 of", "Line 199 of a long letter");
        try (PDDocument pdf = Loader.loadPDF(redacted)) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
        }
    }

    @Test
    void twoThreadsTypesetTheSameCopyAsOne() throws Exception {
        // Latin pages with tabs, a control character, long paragraphs that run onto further pages and masked Chinese;
        // Chinese pages with a character outside the basic plane and one the font lacks
        StringBuilder text = new StringBuilder();
        List<Extraction.Page> pages = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            int start = text.length();
            if (p % 4 == 3) {
                text.append("病人陳大文\t覆診 𠀋 😀 ").append("血壓穩定，繼續服藥。".repeat(40)).append('\n');
            } else {
                for (int line = 0; line < 30; line++) {
                    text.append("Line ").append(line).append("\tof page ").append(p).append(": CHAN Tai Man 陳大文 (A123456(3)) ")
                            .append(line % 7 == 0 ? "\u0007bell " : "").append("blood pressure 130/85. ".repeat(p % 2 + 1))
                            .append('\n');
                }
                text.append("A paragraph without a break ".repeat(150)).append('\n');
            }
            pages.add(Extraction.Page.text(start, text.length()));
        }
        Extraction read = new Extraction(DocumentType.TEXT, text.toString(), pages);
        assertThat(read.text().length()).isGreaterThan(SharedWork.TEXT_WORTH_SHARING);
        List<TextSpan> masks = spansOf(read.text(), "CHAN Tai Man", "陳大文", "A123456(3)");

        List<String> oneThread = contents(redactor.redact(read, masks, Integer.MAX_VALUE));
        assertThat(oneThread).hasSizeGreaterThan(12);
        for (int round = 0; round < 10; round++) {
            byte[] twoThreads = redactor.redact(read, masks, 0);
            assertThat(contents(twoThreads)).as("round " + round).containsExactlyElementsOf(oneThread);
        }
        assertThat(tika(redactor.redact(read, masks, 0))).doesNotContain("CHAN", "陳大文", "A123456")
                .contains("of page 10: ", "blood pressure 130/85", "血壓穩定");
    }

    /** Each page's content stream, decoded, byte for character. */
    private static List<String> contents(byte[] pdf) throws IOException {
        List<String> contents = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                try (java.io.InputStream in = page.getContents()) {
                    contents.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        return contents;
    }

    static List<TextSpan> spansOf(String text, String... values) {
        List<TextSpan> spans = new ArrayList<>();
        for (String value : values) {
            for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
                spans.add(new TextSpan(at, at + value.length()));
            }
        }
        assertThat(spans).as("the values to mask occur in the text").isNotEmpty();
        return spans;
    }

    static String tika(byte[] pdf) throws Exception {
        BodyContentHandler handler = new BodyContentHandler(-1);
        Metadata metadata = new Metadata();
        try (TikaInputStream in = TikaInputStream.get(pdf)) {
            // the text layer only: what OCR finds on page images is checked through the extractor
            ParseContext context = new ParseContext();
            PDFParserConfig config = new PDFParserConfig();
            config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
            context.set(PDFParserConfig.class, config);
            new PDFParser().parse(in, handler, metadata, context);
        }
        for (String name : metadata.names()) {
            assertThat(metadata.get(name)).as("metadata " + name).doesNotContain("Original Author", "Referral letter");
        }
        return handler.toString();
    }

    static void assertNoMetadata(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getMetadata()).isNull();
            assertThat(document.getDocument().getTrailer().getCOSDictionary(COSName.INFO)).isNull();
        }
    }
}
