package hk.carerelay.consent;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.document.BlobKind;
import hk.carerelay.document.DocumentStore;
import hk.carerelay.referral.ReferralGenerator;

/**
 * Records the consent decisions the data generator made with its synthetic referrals (ADR 0015, 0019), in batches:
 * rows only, with no process (a generated grant neither expires by timer nor can be withdrawn through its process) and
 * no signed PDF; the decisions of one batch share one stored placeholder signature.
 */
@Component
class GeneratedConsents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DocumentStore store;

    GeneratedConsents(JdbcTemplate jdbc, TransactionTemplate transactions, DocumentStore store) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
    }

    @EventListener
    void on(ReferralGenerator.ConsentsGenerated generated) {
        transactions.executeWithoutResult(status -> {
            String signature = store.store(BlobKind.CONSENT_SIGNATURE, "image/png", placeholderSignature()).id()
                    .toString();
            List<Object[]> rows = new ArrayList<>(generated.consents().size());
            for (ReferralGenerator.GeneratedConsent c : generated.consents()) {
                rows.add(new Object[] {UUID.randomUUID().toString(),
                        (c.referralId() == null ? ConsentScope.INSTITUTION : ConsentScope.REFERRAL).name(),
                        c.patientId(), c.receivingInstitution(), c.referralId(), c.status(), utc(c.recordedAt()),
                        utc(c.validUntil()), true, c.witness(), c.recordingInstitution(), utc(c.recordedAt()),
                        signature, utc(c.endedAt()), c.endedAt() == null ? null : c.witness()});
            }
            jdbc.batchUpdate("""
                    INSERT INTO consent (id, scope, patient_id, receiving_institution, referral_id, status, valid_from,
                                         valid_until, patient_has_capacity, witness, recording_institution,
                                         recorded_at, signature_blob_id, ended_at, ended_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        });
    }

    private static byte[] placeholderSignature() {
        BufferedImage image = new BufferedImage(120, 40, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(10, 30, 110, 10);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
