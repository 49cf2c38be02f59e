package hk.carerelay.consent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.PdfFonts;

/**
 * The consent form as the patient signed it: who, what is shared with whom, for how long, the decision, the witness,
 * the substitute decision maker where there is one, and the drawn signature. Chinese names are set in the configured
 * CJK font, embedded as a subset.
 */
final class ConsentPdf {

    private static final float MARGIN = 50;
    private static final float LINE = 16;

    private ConsentPdf() {
    }

    record Form(String consentId, String patientName, String patientHkid, ConsentScope scope, String referralId,
            String receivingInstitution, String recordingInstitution, ConsentStatus decision, Instant validFrom,
            Instant validUntil, String witnessName, String witnessUsername, boolean patientHasCapacity,
            String substituteName, SubstituteRelationship substituteRelationship, Instant recordedAt) {
    }

    static byte[] render(Form form, byte[] signaturePng, Path cjkFont) throws IOException {
        try (PDDocument pdf = new PDDocument(); PdfFonts fonts = new PdfFonts(pdf, cjkFont)) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            float y = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
                y = line(text, bold, 15, y, "CareRelay - consent to share health records", fonts) - 8;
                for (String l : List.of(
                        "Consent id: " + form.consentId(),
                        "Patient: " + form.patientName() + "   HKID: " + form.patientHkid(),
                        "Shared with: " + form.receivingInstitution() + (form.scope() == ConsentScope.REFERRAL
                                ? "   for referral " + form.referralId()
                                : "   for every referral of this patient (standing consent)"),
                        "Covers: the referral letter, its clinical sections and attached documents",
                        "Decision: " + (form.decision() == ConsentStatus.GRANTED ? "GRANTED - the patient agrees to share"
                                : "REFUSED - the patient does not agree to share"),
                        "Valid from " + HongKongTime.format(form.validFrom()) + " until "
                                + HongKongTime.format(form.validUntil()) + " (Hong Kong time)",
                        "The consent may be withdrawn at any time at " + form.recordingInstitution()
                                + "; withdrawal stops further sharing at once.",
                        "Patient has capacity to decide: " + (form.patientHasCapacity() ? "yes" : "no"))) {
                    y = line(text, null, 11, y, l, fonts);
                }
                if (form.substituteName() != null) {
                    y = line(text, null, 11, y, "Decided for the patient by: " + form.substituteName() + " ("
                            + form.substituteRelationship() + ")", fonts);
                }
                y = line(text, null, 11, y, "Witnessed by: " + form.witnessName() + " (" + form.witnessUsername()
                        + ") at " + form.recordingInstitution() + ", " + HongKongTime.format(form.recordedAt()), fonts);
                y = line(text, bold, 11, y - 10, "Signature:", fonts);
            }
            PDImageXObject image = PDImageXObject.createFromByteArray(pdf, signaturePng, "signature.png");
            float width = Math.min(300, image.getWidth());
            float height = width * image.getHeight() / Math.max(1, image.getWidth());
            try (PDPageContentStream drawing = new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.APPEND,
                    true)) {
                drawing.drawImage(image, MARGIN, y - height, width, height);
                drawing.addRect(MARGIN, y - height, width, height);
                drawing.stroke();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static float line(PDPageContentStream text, PDFont font, float size, float y, String value,
            PdfFonts fonts) throws IOException {
        PDFont chosen = font != null && PdfFonts.isLatin1(value) ? font : fonts.fontFor(value);
        text.beginText();
        text.setFont(chosen, size);
        text.newLineAtOffset(MARGIN, y);
        text.showText(value);
        text.endText();
        return y - LINE;
    }
}
