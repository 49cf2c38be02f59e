package hk.carerelay.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.PdfFonts;

/**
 * "Who accessed this patient's record": every audit entry filed under one patient, as a PDF a data protection officer
 * can hand over in answer to a data access request (PDPO DPP6). Western text is set in Helvetica; a line with Chinese
 * (a patient's or a user's name) in the configured CJK font, embedded as a subset.
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

    static void write(Subject subject, List<AuditEntry> entries, Path cjkFont, OutputStream out) throws IOException {
        try (PDDocument pdf = new PDDocument(); PdfFonts fonts = new PdfFonts(pdf, cjkFont)) {
            Fonts regular = new Fonts(fonts, new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            Fonts bold = new Fonts(fonts, new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
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

    /** Helvetica (regular or bold) for Latin-1 text, the embedded CJK font for anything else. */
    private record Fonts(PdfFonts fonts, PDFont western) {
        PDFont fontFor(String value) throws IOException {
            return PdfFonts.isLatin1(value) ? western : fonts.fontFor(value);
        }
    }

    private static float header(PDPageContentStream text, Fonts bold, float y) throws IOException {
        for (int i = 0; i < HEADINGS.length; i++) {
            line(text, bold, 8, COLUMNS[i], y, HEADINGS[i]);
        }
        return y - LINE;
    }

    private static float line(PDPageContentStream text, Fonts fonts, float size, float x, float y, String value)
            throws IOException {
        String printable = printable(value);
        PDFont font = fonts.fontFor(printable);
        String shown = PdfFonts.isLatin1(printable) ? printable : showable(printable, font);
        text.beginText();
        text.setFont(font, size);
        text.newLineAtOffset(x, y);
        text.showText(shown);
        text.endText();
        return y - (size + 4);
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "~";
    }

    /** A character the font has no glyph for (an emoji, say) is shown as '?' rather than failing the report. */
    private static String showable(String value, PDFont font) {
        PdfFonts.Widths widths = new PdfFonts.Widths(font, 1);
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(widths.canShow(c) ? c : '?'));
        return out.toString();
    }

    /** Control characters (a line break in a stored value) cannot be shown in a PDF text line: a space instead. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
