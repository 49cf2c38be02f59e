package hk.carerelay.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.stereotype.Service;

/**
 * Ed25519 signatures (Bouncy Castle) with the keystore's audit signing key, or its consent signing key for consent
 * forms; signatures travel as base64.
 */
@Service
public class Signatures {

    private final KeyStoreService keys;

    Signatures(KeyStoreService keys) {
        this.keys = keys;
    }

    public record Signed(String keyId, String signature) {
    }

    public Signed sign(byte[] data) {
        return sign(keys.auditSigningKey(), data);
    }

    /** Signs with the consent signing key (a consent form's SHA-256). */
    public Signed signConsent(byte[] data) {
        return sign(keys.consentSigningKey(), data);
    }

    private static Signed sign(KeyStoreService.SigningKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519", BouncyCastleProvider.PROVIDER_NAME);
            signer.initSign(key.privateKey());
            signer.update(data);
            return new Signed(key.keyId(), Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** Whether the signature over the data is valid for the key with this id (false for unknown keys). */
    public boolean verify(byte[] data, String keyId, String signature) {
        PublicKey key = keys.publicKey(keyId).orElse(null);
        if (key == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519", BouncyCastleProvider.PROVIDER_NAME);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
