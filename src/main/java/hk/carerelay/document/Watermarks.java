package hk.carerelay.document;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.util.Matrix;
import org.springframework.stereotype.Service;

import hk.carerelay.shared.PdfFonts;

/**
 * Stamps the viewer, the patient and the time diagonally across every page, faintly and repeatedly, so that a copy or
 * a photograph of the screen still says whose it was. For PDFs CareRelay produced itself (redacted copies).
 */
@Service
public class Watermarks {

    private static final float OPACITY = 0.18f;
    private static final float FONT_SIZE = 14;
    static final double ANGLE = Math.toRadians(35);

    private final Path cjkFont;
    private volatile Font awtFont;

    public Watermarks(DocumentLimits limits) {
        this.cjkFont = limits.cjkFont();
    }

    /** The PDF with the watermark on every page. */
    public byte[] stamp(byte[] pdf, Watermark watermark) {
        String text = watermark.text();
        try (PDDocument document = Loader.loadPDF(pdf); PdfFonts fonts = new PdfFonts(document, cjkFont)) {
            PDFont font = fonts.fontFor(text);
            float textWidth = font.getStringWidth(text) / 1000 * FONT_SIZE;
            PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
            faint.setNonStrokingAlphaConstant(OPACITY);
            for (PDPage page : document.getPages()) {
                PDRectangle box = page.getCropBox();
                try (PDPageContentStream content = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    content.setGraphicsStateParameters(faint);
                    content.setNonStrokingColor(Color.DARK_GRAY);
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    for (float[] at : tiles(box.getWidth(), box.getHeight(), textWidth, FONT_SIZE * 5)) {
                        content.setTextMatrix(Matrix.getRotateInstance(ANGLE, box.getLowerLeftX() + at[0],
                                box.getLowerLeftY() + at[1]));
                        content.showText(text);
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watermark the PDF", e);
        }
    }

    public int pageCount(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PDF", e);
        }
    }

    /** Page {@code pageIndex} (from 0) rendered to PNG at {@code dpi}, with the watermark drawn on it. */
    public byte[] renderPage(byte[] pdf, int pageIndex, float dpi, Watermark watermark) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(pageIndex, dpi, ImageType.RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, OPACITY));
            g.setColor(Color.DARK_GRAY);
            g.setFont(awtFont().deriveFont(FONT_SIZE * dpi / 72));
            String text = watermark.text();
            float textWidth = g.getFontMetrics().stringWidth(text);
            AffineTransform upright = g.getTransform();
            for (float[] at : tiles(image.getWidth(), image.getHeight(), textWidth, FONT_SIZE * 5 * dpi / 72)) {
                // image rows run downwards, so the same upward slant as on the PDF page is a negative angle here
                g.rotate(-ANGLE, at[0], image.getHeight() - at[1]);
                g.drawString(text, at[0], image.getHeight() - at[1]);
                g.setTransform(upright);
            }
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF page", e);
        }
    }

    /**
     * Where the slanted copies of the text start, in page units with y upwards, for a page of {@code width} by
     * {@code height}: on parallel lines {@code spacing} apart across the slant, each line holding copies one after
     * another with a gap between them and every other line shifted by half a copy, so that no copy runs into another
     * and every part of the page is near one. Only copies that reach the page are listed.
     */
    static List<float[]> tiles(float width, float height, float textWidth, float spacing) {
        double cos = Math.cos(ANGLE);
        double sin = Math.sin(ANGLE);
        double along = textWidth + spacing * 0.6;
        // the page's corners in the text's own axes: u along the slant, v across it
        double uMin = Math.min(0, Math.min(width * cos, Math.min(height * sin, width * cos + height * sin)));
        double uMax = Math.max(0, Math.max(width * cos, Math.max(height * sin, width * cos + height * sin)));
        double vMin = Math.min(0, Math.min(-width * sin, Math.min(height * cos, -width * sin + height * cos)));
        double vMax = Math.max(0, Math.max(-width * sin, Math.max(height * cos, -width * sin + height * cos)));
        List<float[]> points = new ArrayList<>();
        for (long line = (long) Math.floor(vMin / spacing) - 1; line * spacing <= vMax + spacing; line++) {
            double v = line * spacing;
            double shift = Math.floorMod(line, 2) * along / 2;
            for (double u = Math.floor((uMin - textWidth - shift) / along) * along + shift; u <= uMax; u += along) {
                double x = u * cos - v * sin;
                double y = u * sin + v * cos;
                double endX = x + textWidth * cos;
                double endY = y + textWidth * sin;
                boolean reachesPage = Math.max(x, endX) >= -spacing && Math.min(x, endX) <= width + spacing
                        && Math.max(y, endY) >= -spacing && Math.min(y, endY) <= height + spacing;
                if (reachesPage) {
                    points.add(new float[] {(float) x, (float) y});
                }
            }
        }
        return points;
    }

    private Font awtFont() {
        Font font = awtFont;
        if (font == null) {
            try {
                font = Files.isRegularFile(cjkFont) ? Font.createFonts(cjkFont.toFile())[0]
                        : new Font(Font.SANS_SERIF, Font.PLAIN, 1);
            } catch (IOException | FontFormatException e) {
                font = new Font(Font.SANS_SERIF, Font.PLAIN, 1);
            }
            awtFont = font;
        }
        return font;
    }
}
