package hk.carerelay.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Service;

/**
 * Envelope encryption for content at rest: each call to {@link #seal} draws a fresh 256-bit data key and a 96-bit
 * nonce and encrypts with AES-256-GCM; the data key is wrapped with AES-256-GCM under the current key-encryption key
 * from the keystore. The wrap authenticates the key-encryption key id and the caller's binding (for the document
 * store, the blob id), so a wrapped key moved to another blob or relabelled with another key id does not open.
 * Bulk encryption uses the JDK provider, several times faster here than Bouncy Castle's (docs/performance.md).
 */
@Service
public class EnvelopeEncryption {

    static final String BULK_PROVIDER = "SunJCE";
    static final int DATA_KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String WRAP_CONTEXT = "carerelay-data-key-v1";
    /**
     * Seal-and-open rounds of {@link #warmUp}, and their content's size. The JIT compiles AES-GCM with the processor's
     * AES and carry-less multiply instructions only after thousands of calls; until then sealing a 150 KB text took
     * 1.5 ms instead of 0.04 ms. Measured here: 3,000 rounds of 1 KiB left it at 0.1–0.4 ms, 6,000 rounds of 4 KiB
     * sometimes, 8,000 rounds of 4 KiB always at 0.04 ms, after about half a second (docs/performance.md).
     */
    private static final int WARM_UP_ROUNDS = 8_000;
    private static final int WARM_UP_BYTES = 4096;
    /**
     * The warm-up's associated data: one byte. With 16 bytes or more (as the document store's are) the code compiled
     * during the warm-up stayed slow for large contents, 1.1 ms for 150 KB, also when the rest of the run used one
     * byte; with one byte it was fast for every length afterwards. Measured, not explained (JDK 17.0.15).
     */
    private static final byte[] WARM_UP_AAD = {1};

    private final KeyStoreService keys;
    private final SecureRandom random = new SecureRandom();

    EnvelopeEncryption(KeyStoreService keys) {
        this.keys = keys;
    }

    /**
     * Encrypted content and what is needed to open it. The wrapped key is the wrap nonce followed by the GCM output
     * (12 + 32 + 16 bytes). Arrays are shared, not copied.
     */
    public record Sealed(String kekId, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {
    }

    /** A data key wrapped again under another key-encryption key. */
    public record Rewrapped(String kekId, byte[] wrappedKey) {
    }

    /** Encrypts under a new data key; {@code aad} is authenticated with the content, {@code binding} with the key. */
    public Sealed seal(byte[] plaintext, byte[] aad, String binding) {
        KeyStoreService.Kek kek = keys.currentDocumentKek();
        byte[] dataKey = randomBytes(DATA_KEY_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BULK_PROVIDER);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return new Sealed(kek.id(), wrap(kek, dataKey, binding), nonce, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Decrypts and authenticates; throws {@link IntegrityException} if anything was changed or the key is wrong. */
    public byte[] open(Sealed sealed, byte[] aad, String binding) {
        byte[] dataKey = unwrap(sealed.kekId(), sealed.wrappedKey(), binding);
        try {
            if (sealed.nonce() == null || sealed.nonce().length != NONCE_BYTES) {
                throw new IntegrityException("The nonce is not " + NONCE_BYTES + " bytes");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BULK_PROVIDER);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new IntegrityException("The content or its metadata does not match its authentication tag", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Seals and opens small throwaway content until the JIT has compiled both ways through AES-GCM with the processor's
     * instructions. Without it, the code compiled from the document store's own calls stayed slow: in the pipeline
     * benchmark a 150 KB text took 1.1 ms to seal through thousands of documents, against 0.04 ms after this. Nothing
     * is stored; the keystore is only read. Takes about half a second.
     */
    public void warmUp() {
        byte[] content = new byte[WARM_UP_BYTES];
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            content[i % WARM_UP_BYTES] = (byte) i;
            byte[] opened = open(seal(content, WARM_UP_AAD, "warm-up"), WARM_UP_AAD, "warm-up");
            if (!Arrays.equals(opened, content)) {
                throw new IllegalStateException("AES-GCM did not give back what it sealed");
            }
        }
    }

    /** Unwraps a data key and wraps it under the current key-encryption key; the content is not touched. */
    public Rewrapped rewrap(String kekId, byte[] wrappedKey, String binding) {
        KeyStoreService.Kek current = keys.currentDocumentKek();
        byte[] dataKey = unwrap(kekId, wrappedKey, binding);
        try {
            return new Rewrapped(current.id(), wrap(current, dataKey, binding));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The id of the key-encryption key new data keys are wrapped under. */
    public String currentKekId() {
        return keys.currentDocumentKek().id();
    }

    /** Adds a key-encryption key to the keystore; from now on it is current. Returns its id. */
    public String addKek() {
        return keys.addDocumentKek().id();
    }

    byte[] unwrap(String kekId, byte[] wrappedKey, String binding) {
        SecretKey kek = keys.documentKek(kekId).orElseThrow(() -> new IntegrityException(
                "The data key names a key-encryption key the keystore does not hold: " + kekId)).key();
        if (wrappedKey == null || wrappedKey.length != NONCE_BYTES + DATA_KEY_BYTES + TAG_BITS / 8) {
            throw new IntegrityException("The wrapped data key has the wrong length");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BULK_PROVIDER);
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, wrappedKey, 0, NONCE_BYTES));
            cipher.updateAAD(AssociatedData.of(WRAP_CONTEXT, kekId, binding));
            return cipher.doFinal(wrappedKey, NONCE_BYTES, wrappedKey.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IntegrityException("The data key does not unwrap under key-encryption key " + kekId
                    + " (altered, moved from another blob, or a different key under that name)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key unwrapping failed", e);
        }
    }

    private byte[] wrap(KeyStoreService.Kek kek, byte[] dataKey, String binding) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", BULK_PROVIDER);
            cipher.init(Cipher.ENCRYPT_MODE, kek.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(AssociatedData.of(WRAP_CONTEXT, kek.id(), binding));
            byte[] wrapped = new byte[NONCE_BYTES + DATA_KEY_BYTES + TAG_BITS / 8];
            System.arraycopy(nonce, 0, wrapped, 0, NONCE_BYTES);
            cipher.doFinal(dataKey, 0, dataKey.length, wrapped, NONCE_BYTES);
            return wrapped;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key wrapping failed", e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
