package hk.carerelay.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import hk.carerelay.shared.HongKongTime;

/**
 * "Who accessed this patient's record": every audit entry filed under one patient, as a PDF a data protection officer
 * can hand over in answer to a data access request (PDPO DPP6).
 */
final class AccessReportPdf {

    private static final float MARGIN = 40;
    private static final float LINE = 13;
    private static final float[] COLUMNS = {40, 140, 235, 330, 375, 470, 520};
    private static final String[] HEADINGS = {"When (HKT)", "User", "Role", "Inst.", "Action", "Outcome", "From"};

    private AccessReportPdf() {
    }

    record Subject(String hkid, String name, Instant from, Instant to, String requestedBy, Instant generatedAt) {
    }

    static void write(Subject subject, List<AuditEntry> entries, OutputStream out) throws IOException {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            PDPageContentStream text = new PDPageContentStream(pdf, page);
            float y = page.getMediaBox().getHeight() - MARGIN;
            y = line(text, bold, 14, MARGIN, y, "CareRelay - who accessed this patient's record") - 6;
            y = line(text, regular, 10, MARGIN, y, "Patient: " + subject.name() + "   HKID: " + subject.hkid());
            y = line(text, regular, 10, MARGIN, y, "Period: " + HongKongTime.format(subject.from()) + " to "
                    + HongKongTime.format(subject.to()) + " (Hong Kong time)");
            y = line(text, regular, 10, MARGIN, y, "Generated " + HongKongTime.format(subject.generatedAt())
                    + " by " + subject.requestedBy() + " from the tamper-evident audit log; " + entries.size()
                    + " entries.") - 8;
            y = header(text, bold, y);
            int pageNumber = 1;
            for (AuditEntry e : entries) {
                if (y < MARGIN + LINE) {
                    line(text, regular, 8, MARGIN, MARGIN - 20, "Page " + pageNumber++);
                    text.close();
                    page = new PDPage(PDRectangle.A4);
                    pdf.addPage(page);
                    text = new PDPageContentStream(pdf, page);
                    y = header(text, bold, page.getMediaBox().getHeight() - MARGIN);
                }
                String[] cells = {HongKongTime.format(e.occurredAt()), e.username(), e.role(), e.institution(),
                        e.action().name(), e.outcome(), e.clientIp()};
                for (int i = 0; i < cells.length; i++) {
                    line(text, regular, 8, COLUMNS[i], y, clip(cells[i], i == 0 ? 18 : 20));
                }
                y -= LINE;
            }
            line(text, regular, 8, MARGIN, MARGIN - 20, "Page " + pageNumber);
            text.close();
            pdf.getDocumentInformation().setTitle("CareRelay access report");
            pdf.getDocumentInformation().setProducer("CareRelay");
            pdf.save(out);
        }
    }

    private static float header(PDPageContentStream text, PDType1Font bold, float y) throws IOException {
        for (int i = 0; i < HEADINGS.length; i++) {
            line(text, bold, 8, COLUMNS[i], y, HEADINGS[i]);
        }
        return y - LINE;
    }

    private static float line(PDPageContentStream text, PDType1Font font, float size, float x, float y, String value)
            throws IOException {
        text.beginText();
        text.setFont(font, size);
        text.newLineAtOffset(x, y);
        text.showText(winAnsi(value));
        text.endText();
        return y - (size + 4);
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "~";
    }

    /** The standard PDF fonts cover Latin-1 here; other characters (Chinese names) are shown as '?' rather than failing. */
    private static String winAnsi(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            out.append((c >= 32 && c < 127) || (c >= 160 && c < 256) ? c : '?');
        }
        return out.toString();
    }
}
