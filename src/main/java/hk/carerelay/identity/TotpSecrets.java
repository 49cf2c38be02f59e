package hk.carerelay.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;

import hk.carerelay.crypto.AssociatedData;
import hk.carerelay.crypto.EnvelopeEncryption;
import hk.carerelay.crypto.IntegrityException;

/**
 * Two-factor secrets at rest: each sealed with the envelope encryption of the document store (its own data key,
 * wrapped under the current key-encryption key), bound to the account's username, so a secret copied onto another
 * account does not open. Stored as one text value: {@code sealed:v1:<kek id>:<wrapped key>:<nonce>:<ciphertext>}.
 */
@Component
class TotpSecrets {

    static final String PREFIX = "sealed:v1:";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final EnvelopeEncryption envelopes;

    TotpSecrets(EnvelopeEncryption envelopes) {
        this.envelopes = envelopes;
    }

    String seal(String username, String secret) {
        EnvelopeEncryption.Sealed sealed = envelopes.seal(secret.getBytes(StandardCharsets.US_ASCII), aad(username),
                binding(username));
        return PREFIX + sealed.kekId() + ":" + B64.encodeToString(sealed.wrappedKey()) + ":"
                + B64.encodeToString(sealed.nonce()) + ":" + B64.encodeToString(sealed.ciphertext());
    }

    /** The secret; {@link IntegrityException} if the stored value is not sealed, was changed or belongs to another user. */
    String open(String username, String stored) {
        String[] parts = parts(stored);
        try {
            byte[] secret = envelopes.open(new EnvelopeEncryption.Sealed(parts[0], B64D.decode(parts[1]),
                    B64D.decode(parts[2]), B64D.decode(parts[3])), aad(username), binding(username));
            return new String(secret, StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IntegrityException("The two-factor secret of " + username + " is not validly encoded", e);
        }
    }

    static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The key-encryption key a stored secret is wrapped under, or null if it is not sealed. */
    static String kekId(String stored) {
        return isSealed(stored) ? parts(stored)[0] : null;
    }

    String currentKekId() {
        return envelopes.currentKekId();
    }

    private static String[] parts(String stored) {
        if (!isSealed(stored)) {
            throw new IntegrityException("A two-factor secret is stored unsealed");
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 4) {
            throw new IntegrityException("A sealed two-factor secret has " + parts.length + " parts, not 4");
        }
        return parts;
    }

    private static byte[] aad(String username) {
        return AssociatedData.of("totp-secret", username);
    }

    private static String binding(String username) {
        return "totp-secret:" + username;
    }
}
