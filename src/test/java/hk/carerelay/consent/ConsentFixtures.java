package hk.carerelay.consent;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import javax.imageio.ImageIO;

import hk.carerelay.patient.Hkid;

/** Signatures and patients for consent tests. */
public final class ConsentFixtures {

    private ConsentFixtures() {
    }

    /** A drawn signature: a few dark strokes on a transparent canvas, as the capture view sends it. */
    public static String signature() {
        BufferedImage image = new BufferedImage(400, 150, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(20, 20, 60));
        g.setStroke(new BasicStroke(3));
        g.drawLine(20, 100, 120, 30);
        g.drawLine(120, 30, 200, 110);
        g.drawLine(200, 110, 360, 40);
        g.dispose();
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(image));
    }

    /**
     * The patient's consent to share one referral with its receiver, recorded by the referring doctor: for tests of
     * what the receiving side does once it may see the record.
     */
    public static Consent consentToShare(ConsentService consents, hk.carerelay.identity.CareRelayUser gp,
            String referralId) {
        return consents.record(gp, new ConsentRequest("REFERRAL", referralId, null, null, "GRANTED", null, true, null,
                null, signature()));
    }

    /** An empty canvas: what an unsigned form would send. */
    public static String blankSignature() {
        return "data:image/png;base64," + Base64.getEncoder()
                .encodeToString(png(new BufferedImage(400, 150, BufferedImage.TYPE_INT_ARGB)));
    }

    /** A valid HKID no other test uses (a patient of this test's own). */
    public static String newHkid() {
        String digits = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        return Hkid.of("C", digits).display();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
