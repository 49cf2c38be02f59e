package hk.carerelay.identity;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import javax.imageio.ImageIO;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.crypto.IntegrityException;

/**
 * Enrolling the second factor: a new secret shown as a QR code and as text, confirmed only by a correct code, after
 * which ten recovery codes are issued. A system administrator can reset a user's second factor; the user then enrols
 * again at the next sign-in.
 */
@Service
public class TwoFactorEnrolment {

    static final String ISSUER = "CareRelay";

    private final JdbcClient jdbc;
    private final RecoveryCodes recoveryCodes;
    private final AuditLog audit;
    private final UserDirectory users;
    private final Clock clock;
    private final TotpSecrets secrets;

    TwoFactorEnrolment(JdbcClient jdbc, RecoveryCodes recoveryCodes, AuditLog audit, UserDirectory users, Clock clock,
            TotpSecrets secrets) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.recoveryCodes = recoveryCodes;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    /** What the enrolment page shows: the secret as text, the otpauth URI and the same as a QR code (PNG). */
    public record Enrolment(String username, String secret, String otpauthUri, byte[] qrPng) {
    }

    /** Starts (or restarts) enrolment for a user whose password was just checked and who has no second factor. */
    @Transactional
    public Enrolment begin(EnrolmentRequired required) {
        String secret = Totp.newSecret();
        jdbc.sql("UPDATE app_user SET totp_pending_secret = ? WHERE username = ? AND totp_enrolled = FALSE")
                .params(secrets.seal(required.username(), secret), required.username()).update();
        String uri = Totp.otpauthUri(ISSUER, required.username(), secret);
        return new Enrolment(required.username(), secret, uri, qrPng(uri));
    }

    /** The result of enrolment: the recovery codes (shown once) and the signed-in user. */
    public record Enrolled(List<String> recoveryCodes, Authentication authentication) {
    }

    /**
     * Completes enrolment with a code from the new secret. That code is the second factor of this sign-in, so the
     * user is signed in; the recovery codes are returned to be shown once.
     */
    @Transactional
    public Enrolled confirm(Enrolment enrolment, String code) {
        String pending = jdbc.sql("SELECT totp_pending_secret FROM app_user WHERE username = ? AND totp_enrolled = FALSE")
                .param(enrolment.username()).query(String.class).optional()
                .map(sealed -> openOrNull(enrolment.username(), sealed)).orElse(null);
        OptionalLong step = Totp.matchingStep(pending, code, clock.instant());
        if (pending == null || !pending.equals(enrolment.secret()) || step.isEmpty()) {
            throw new BadCredentialsException("The code does not match; check the time on your phone and try again.");
        }
        jdbc.sql("""
                UPDATE app_user SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
                       totp_enrolled = TRUE, totp_last_step = ?, failed_attempts = 0
                WHERE username = ?""")
                .params(step.getAsLong(), enrolment.username()).update();
        List<String> codes = recoveryCodes.renew(enrolment.username());
        CareRelayUser user = users.find(enrolment.username())
                .orElseThrow(() -> new BadCredentialsException(TwoFactorAuthenticationProvider.FAILURE));
        audit.write(user, AuditLog.Event.of(AuditAction.UPDATE).on("User", user.username()).detail("second factor enrolled"));
        return new Enrolled(codes, TwoFactorAuthentication.authenticated(user));
    }

    private String openOrNull(String username, String sealed) {
        try {
            return secrets.open(username, sealed);
        } catch (IntegrityException e) {
            return null; // a changed pending secret matches no code; enrolment starts again
        }
    }

    /** A new set of recovery codes for a signed-in user (the old ones stop working). */
    @Transactional
    public List<String> renewRecoveryCodes(CareRelayUser user) {
        audit.write(user, AuditLog.Event.of(AuditAction.UPDATE).on("User", user.username())
                .detail("recovery codes renewed"));
        return recoveryCodes.renew(user.username());
    }

    public long remainingRecoveryCodes(CareRelayUser user) {
        return recoveryCodes.remaining(user.username());
    }

    /** A system administrator resets a user's second factor; the user enrols again at the next sign-in. */
    @Transactional
    public void reset(CareRelayUser admin, String username) {
        if (admin.role() != Role.SYSADMIN) {
            throw new hk.carerelay.shared.ForbiddenException("Only system administrators can reset a second factor.");
        }
        int changed = jdbc.sql("""
                UPDATE app_user SET totp_enrolled = FALSE, totp_pending_secret = NULL, totp_secret = ?,
                       totp_last_step = 0 WHERE username = ?""")
                .params(secrets.seal(username, Totp.newSecret()), username).update();
        if (changed == 0) {
            throw new hk.carerelay.shared.NotFoundException("No user " + username + ".");
        }
        recoveryCodes.renew(username);
        audit.write(admin, AuditLog.Event.of(AuditAction.UPDATE).on("User", username).detail("second factor reset"));
    }

    static byte[] qrPng(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 240, 240,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("Cannot make the QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
