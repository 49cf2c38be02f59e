package hk.carerelay.identity;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/** Time-based one-time passwords per RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits, base32 secrets. */
public final class Totp {

    static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final int MODULUS = 1_000_000;
    /** Steps either side of the current one that are still accepted, for clock drift between phone and server. */
    private static final int WINDOW = 1;

    private Totp() {
    }

    /** The code for the 30-second step that contains {@code at}. */
    public static String codeAt(String base32Secret, Instant at) {
        return code(decode(base32Secret), at.getEpochSecond() / STEP_SECONDS);
    }

    /** Whether {@code code} matches the current step or one step either side. */
    public static boolean verify(String base32Secret, String code, Instant now) {
        return matchingStep(base32Secret, code, now).isPresent();
    }

    /**
     * The step (within one either side of now) whose code is {@code code}; the caller refuses a step it has already
     * accepted, so a code works once.
     */
    public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}") || base32Secret == null) {
            return OptionalLong.empty();
        }
        byte[] key = decode(base32Secret);
        long step = now.getEpochSecond() / STEP_SECONDS;
        long matched = -1;
        for (long s = step - WINDOW; s <= step + WINDOW; s++) {
            if (MessageDigest.isEqual(code(key, s).getBytes(), code.getBytes())) {
                matched = s;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** The otpauth URI an authenticator app reads from the QR code. */
    public static String otpauthUri(String issuer, String account, String base32Secret) {
        String label = URLEncoder.encode(issuer + ":" + account, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    /** A new random 160-bit secret, base32-encoded without padding. */
    public static String newSecret() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return new Base32().encodeToString(bytes).replace("=", "");
    }

    static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % MODULUS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    private static byte[] decode(String base32Secret) {
        return new Base32().decode(base32Secret.trim().toUpperCase());
    }
}
