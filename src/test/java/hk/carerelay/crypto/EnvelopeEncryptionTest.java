package hk.carerelay.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeEncryptionTest {

    private static final byte[] CONTENT = "Discharge summary: stable, review in 2 weeks".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = AssociatedData.of("blob-1", "ORIGINAL");

    @TempDir
    Path dir;

    EnvelopeEncryption envelopes;

    @BeforeEach
    void keystore() throws Exception {
        envelopes = new EnvelopeEncryption(TestKeyStores.generated(dir));
    }

    @Test
    void warmUpStoresNothingAndLeavesTheKeysAsTheyWere() {
        String kek = envelopes.currentKekId();
        EnvelopeEncryption.Sealed before = envelopes.seal(CONTENT, AAD, "blob-1");

        envelopes.warmUp();

        assertThat(envelopes.currentKekId()).isEqualTo(kek);
        assertThat(envelopes.open(before, AAD, "blob-1")).isEqualTo(CONTENT);
    }

    @Test
    void sealedContentOpensToTheSameBytes() {
        EnvelopeEncryption.Sealed sealed = envelopes.seal(CONTENT, AAD, "blob-1");
        assertThat(sealed.kekId()).isEqualTo("document-kek-1");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.wrappedKey()).hasSize(60);
        assertThat(sealed.ciphertext()).hasSize(CONTENT.length + 16);
        assertThat(envelopes.open(sealed, AAD, "blob-1")).isEqualTo(CONTENT);
    }

    @Test
    void everySealHasItsOwnDataKeyAndNonce() {
        Set<String> keys = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            EnvelopeEncryption.Sealed sealed = envelopes.seal(CONTENT, AAD, "blob-1");
            keys.add(HexFormat.of().formatHex(envelopes.unwrap(sealed.kekId(), sealed.wrappedKey(), "blob-1")));
            nonces.add(HexFormat.of().formatHex(sealed.nonce()));
            ciphertexts.add(HexFormat.of().formatHex(sealed.ciphertext()));
        }
        assertThat(keys).hasSize(200).allSatisfy(k -> assertThat(k).hasSize(64));
        assertThat(nonces).hasSize(200);
        assertThat(ciphertexts).hasSize(200);
    }

    @Test
    void aChangedByteAnywhereIsRefused() {
        EnvelopeEncryption.Sealed sealed = envelopes.seal(CONTENT, AAD, "blob-1");
        for (int i = 0; i < sealed.ciphertext().length; i += 7) {
            byte[] ciphertext = sealed.ciphertext().clone();
            ciphertext[i] ^= 0x01;
            EnvelopeEncryption.Sealed changed = new EnvelopeEncryption.Sealed(sealed.kekId(), sealed.wrappedKey(),
                    sealed.nonce(), ciphertext);
            assertThatThrownBy(() -> envelopes.open(changed, AAD, "blob-1")).isInstanceOf(IntegrityException.class);
        }
        for (int i = 0; i < sealed.wrappedKey().length; i++) {
            byte[] wrapped = sealed.wrappedKey().clone();
            wrapped[i] ^= (byte) 0x80;
            EnvelopeEncryption.Sealed changed = new EnvelopeEncryption.Sealed(sealed.kekId(), wrapped, sealed.nonce(),
                    sealed.ciphertext());
            assertThatThrownBy(() -> envelopes.open(changed, AAD, "blob-1")).isInstanceOf(IntegrityException.class);
        }
        byte[] nonce = sealed.nonce().clone();
        nonce[0] ^= 0x01;
        assertThatThrownBy(() -> envelopes.open(new EnvelopeEncryption.Sealed(sealed.kekId(), sealed.wrappedKey(),
                nonce, sealed.ciphertext()), AAD, "blob-1")).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> envelopes.open(sealed, AssociatedData.of("blob-1", "REDACTED"), "blob-1"))
                .isInstanceOf(IntegrityException.class);
    }

    @Test
    void aWrappedKeyOpensOnlyForItsOwnBlob() {
        EnvelopeEncryption.Sealed sealed = envelopes.seal(CONTENT, AAD, "blob-1");
        assertThatThrownBy(() -> envelopes.open(sealed, AAD, "blob-2"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("does not unwrap");
    }

    @Test
    void aDifferentKeyUnderTheSameNameIsRefused() throws Exception {
        EnvelopeEncryption other = new EnvelopeEncryption(TestKeyStores.generated(dir));
        EnvelopeEncryption.Sealed sealed = envelopes.seal(CONTENT, AAD, "blob-1");
        assertThat(other.currentKekId()).isEqualTo(sealed.kekId());

        assertThatThrownBy(() -> other.open(sealed, AAD, "blob-1"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("document-kek-1");
    }

    @Test
    void aKeyIdTheKeystoreDoesNotHoldIsRefused() {
        EnvelopeEncryption.Sealed sealed = envelopes.seal(CONTENT, AAD, "blob-1");
        assertThatThrownBy(() -> envelopes.open(new EnvelopeEncryption.Sealed("document-kek-7", sealed.wrappedKey(),
                sealed.nonce(), sealed.ciphertext()), AAD, "blob-1"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("does not hold");
    }

    @Test
    void rewrappingMovesTheDataKeyToTheNewKeyAndTheContentStillOpens() {
        EnvelopeEncryption.Sealed sealed = envelopes.seal(CONTENT, AAD, "blob-1");
        String newKek = envelopes.addKek();

        EnvelopeEncryption.Rewrapped rewrapped = envelopes.rewrap(sealed.kekId(), sealed.wrappedKey(), "blob-1");

        assertThat(newKek).isEqualTo("document-kek-2");
        assertThat(rewrapped.kekId()).isEqualTo(newKek);
        assertThat(envelopes.open(new EnvelopeEncryption.Sealed(rewrapped.kekId(), rewrapped.wrappedKey(),
                sealed.nonce(), sealed.ciphertext()), AAD, "blob-1")).isEqualTo(CONTENT);
        // the key id is authenticated by the wrap: the new wrapped key relabelled as the old key's does not open
        assertThatThrownBy(() -> envelopes.open(new EnvelopeEncryption.Sealed(sealed.kekId(), rewrapped.wrappedKey(),
                sealed.nonce(), sealed.ciphertext()), AAD, "blob-1")).isInstanceOf(IntegrityException.class);
    }
}
