package hk.carerelay.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** A short text PDF, written here, that a new worker reads once to load and compile the PDF path before real files. */
final class WarmUpDocument {

    static final byte[] PDF = write();

    private WarmUpDocument() {
    }

    private static byte[] write() {
        try (PDDocument document = new PDDocument()) {
            for (int p = 1; p <= 2; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    content.setLeading(14);
                    content.newLineAtOffset(56, 780);
                    for (int line = 1; line <= 40; line++) {
                        content.showText("Page " + p + ", line " + line + ": the document reader is starting.");
                        content.newLine();
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
