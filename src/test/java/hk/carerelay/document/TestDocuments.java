package hk.carerelay.document;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import hk.carerelay.shared.PdfFonts;

/** Builds the test corpus, good and hostile files alike, at test time. */
final class TestDocuments {

    static final Path CJK_FONT = DocumentLimits.defaults().cjkFont();

    private TestDocuments() {
    }

    /** A PDF with a text layer, one string per page (lines split on newlines), with a title and XMP metadata. */
    static byte[] textPdf(String... pages) {
        try (PDDocument document = new PDDocument(); PdfFonts fonts = new PdfFonts(document, CJK_FONT)) {
            for (String text : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                if (text.isEmpty()) {
                    continue;
                }
                PDFont font = fonts.fontFor(text);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.setLeading(16);
                    content.newLineAtOffset(60, 760);
                    for (String line : text.split("\n")) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle("Referral letter " + String.join(" ", pages).lines().findFirst().orElse(""));
            info.setAuthor("Dr Original Author");
            document.setDocumentInformation(info);
            PDMetadata xmp = new PDMetadata(document);
            xmp.importXMPMetadata(("<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                    + "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
                    + "xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>" + pages[0].lines().findFirst().orElse("")
                    + "</dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>")
                    .getBytes(StandardCharsets.UTF_8));
            document.getDocumentCatalog().setMetadata(xmp);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose pages are only images of text, as a scanner makes them. */
    static byte[] scannedPdf(String... pages) {
        try (PDDocument document = new PDDocument()) {
            for (String text : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(document, textImage(text, 1240, 1754, 40));
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encryptedPdf(String userPassword) {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(textPdf("Confidential letter"))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword,
                    new AccessPermission());
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] truncatedPdf() {
        byte[] whole = textPdf("A letter that was cut short in transfer\nwith a second line");
        return Arrays.copyOf(whole, whole.length * 2 / 3);
    }

    static byte[] blankPdf(int pages) {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage(PDRectangle.A4));
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A blank PDF page of that many points square: rendering it for OCR at 300 dpi needs (size * 300 / 72)² bytes. */
    static byte[] largePagePdf(float points) {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(new PDRectangle(points, points)));
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text PDF carrying a PDF attachment, which carries another, {@code depth} levels deep. */
    static byte[] nestedPdf(int depth) {
        // the second lines are only on the pages: a PDF's title is its first line
        byte[] inner = textPdf("Innermost letter\nsays the patient is well");
        for (int level = 0; level < depth; level++) {
            try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(textPdf("Cover letter level " + level
                    + "\nsecond line of level " + level))) {
                PDComplexFileSpecification spec = new PDComplexFileSpecification();
                spec.setFile("attachment.pdf");
                PDEmbeddedFile file = new PDEmbeddedFile(document, new java.io.ByteArrayInputStream(inner));
                file.setSubtype("application/pdf");
                spec.setEmbeddedFile(file);
                PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
                tree.setNames(Map.of("attachment.pdf", spec));
                PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
                names.setEmbeddedFiles(tree);
                document.getDocumentCatalog().setNames(names);
                inner = save(document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return inner;
    }

    static byte[] docx(String... paragraphs) {
        return zip(docxParts(documentXml(paragraphs)), Deflater.DEFAULT_COMPRESSION);
    }

    /** A DOCX with one paragraph that carries a PDF, embedded as Word embeds a package. */
    static byte[] docxWithAttachedPdf(String paragraph, byte[] pdf) {
        Map<String, byte[]> parts = docxParts(documentXml(paragraph));
        parts.put("[Content_Types].xml", new String(parts.get("[Content_Types].xml"), StandardCharsets.UTF_8)
                .replace("<Override ", "<Default Extension='pdf' ContentType='application/pdf'/><Override ")
                .getBytes(StandardCharsets.UTF_8));
        parts.put("word/_rels/document.xml.rels", ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
                + "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                + "<Relationship Id='rId5' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "package' Target='embeddings/attached.pdf'/></Relationships>").getBytes(StandardCharsets.UTF_8));
        parts.put("word/embeddings/attached.pdf", pdf);
        return zip(parts, Deflater.DEFAULT_COMPRESSION);
    }

    /** A DOCX protected with a password the way Word does it (agile encryption in an OLE2 container). */
    static byte[] encryptedDocx() {
        try {
            org.apache.poi.poifs.crypt.EncryptionInfo info = new org.apache.poi.poifs.crypt.EncryptionInfo(
                    org.apache.poi.poifs.crypt.EncryptionMode.agile);
            org.apache.poi.poifs.crypt.Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("secret");
            try (org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem()) {
                try (java.io.OutputStream os = encryptor.getDataStream(fs)) {
                    os.write(docx("Protected letter"));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                fs.writeFilesystem(out);
                return out.toByteArray();
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] docxWithMacros() {
        Map<String, byte[]> parts = docxParts(documentXml("Macro letter"));
        parts.put("word/vbaProject.bin", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3, 4});
        return zip(parts, Deflater.DEFAULT_COMPRESSION);
    }

    /** A DOCX whose document part unpacks to 300 MB of nothing. */
    static byte[] zipBombDocx() {
        Map<String, byte[]> parts = docxParts(null);
        parts.remove("word/document.xml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue());
            }
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
                    + "<w:body><w:p><w:r><w:t>").getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 300; i++) {
                zip.write(spaces);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A DOCX whose document part declares an external entity pointing at a local file. */
    static byte[] xxeDocx() {
        String xml = "<?xml version='1.0' encoding='UTF-8'?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "
                + "'file:///etc/passwd'>]><w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
                + "<w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>";
        return zip(docxParts(xml), Deflater.DEFAULT_COMPRESSION);
    }

    static byte[] unknownBinary() {
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        bytes[0] = 0x7f;
        bytes[1] = 0x13;
        return bytes;
    }

    /** Plain text, as a file named letter.pdf would hold it: the name is never looked at. */
    static byte[] plainText(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] image(String text, String format) {
        BufferedImage image = textImage(text, 1400, 700, 44);
        if (format.equals("jpeg")) {
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(image, 0, 0, null);
            image = rgb;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Black text on white, lines split on newlines, in the CJK font so that Chinese renders too. */
    static BufferedImage textImage(String text, int width, int height, int fontPixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(cjkAwtFont().deriveFont((float) fontPixels));
        int y = fontPixels * 2;
        for (String line : text.split("\n")) {
            g.drawString(line, fontPixels * 2, y);
            y += fontPixels * 2;
        }
        g.dispose();
        return image;
    }

    private static Font cjkAwtFont() {
        try {
            return Font.createFonts(CJK_FONT.toFile())[0];
        } catch (Exception e) {
            throw new IllegalStateException("the CJK font (Debian fonts-wqy-microhei) is needed for the test corpus", e);
        }
    }

    private static String documentXml(String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<w:p><w:r><w:t xml:space='preserve'>")
                    .append(p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("</w:t></w:r></w:p>");
        }
        return "<?xml version='1.0' encoding='UTF-8' standalone='yes'?><w:document "
                + "xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>" + body
                + "</w:body></w:document>";
    }

    private static Map<String, byte[]> docxParts(String documentXml) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
                + "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
                + "<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
                + "<Default Extension='xml' ContentType='application/xml'/>"
                + "<Override PartName='/word/document.xml' ContentType='application/vnd.openxmlformats-officedocument"
                + ".wordprocessingml.document.main+xml'/></Types>").getBytes(StandardCharsets.UTF_8));
        parts.put("_rels/.rels", ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
                + "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                + "<Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                + "officeDocument' Target='word/document.xml'/></Relationships>").getBytes(StandardCharsets.UTF_8));
        if (documentXml != null) {
            parts.put("word/document.xml", documentXml.getBytes(StandardCharsets.UTF_8));
        }
        return parts;
    }

    private static byte[] zip(Map<String, byte[]> parts, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(level);
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
