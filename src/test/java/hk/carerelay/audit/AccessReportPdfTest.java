package hk.carerelay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import hk.carerelay.document.DocumentLimits;

class AccessReportPdfTest {

    private static final Instant AT = Instant.parse("2026-11-20T02:30:00Z");

    private static AuditEntry entry(long id, String username) {
        return new AuditEntry(id, AT.plusSeconds(id * 60), username, "SPECIALIST", "HSC", null, "10.0.0.7", "test",
                AuditAction.VIEW, "Referral", "r-1", "p-1", "r-1", "DIAGNOSES", null, "SUCCESS", null);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static byte[] report(String patientName, List<AuditEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessReportPdf.write(new AccessReportPdf.Subject("A123456(3)", patientName, AT.minusSeconds(86_400), AT,
                "Auditor Yip (auditor.yip)", AT), entries, DocumentLimits.defaults().cjkFont(), out);
        return out.toByteArray();
    }

    @Test
    void chineseNamesArePrintedNotReplaced() throws IOException {
        String text = text(report("陳大文 CHAN Tai Man", List.of(entry(1, "dr.lee"), entry(2, "李醫生"))));

        assertThat(text).contains("陳大文 CHAN Tai Man").contains("A123456(3)").contains("李醫生").contains("dr.lee")
                .doesNotContain("???");
    }

    @Test
    void charactersNoFontHasAndLineBreaksDoNotFailTheReport() throws IOException {
        String text = text(report("陳大文\n\uD83D\uDE00", List.of(entry(1, "dr.lee"))));

        assertThat(text).contains("陳大文 ?");
    }

    @Test
    void longReportsContinueOnNumberedPages() throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            entries.add(entry(i, "dr.lee"));
        }
        byte[] pdf = report("CHAN Tai Man", entries);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
        }
        assertThat(text(pdf)).contains("Page 1").contains("Page 2").contains("150 entries");
    }
}
