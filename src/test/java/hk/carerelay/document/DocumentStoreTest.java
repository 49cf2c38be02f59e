package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.shared.NotFoundException;

@ApplicationTest
class DocumentStoreTest {

    private static final byte[] LETTER = "Referral letter: chest pain on exertion, ECG attached."
            .getBytes(StandardCharsets.UTF_8);

    @Autowired
    DocumentStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storedContentReadsBackUnchangedAndIsNotStoredInTheClear() {
        byte[] scan = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(scan);
        for (byte[] content : new byte[][] {LETTER, scan, new byte[0]}) {
            StoredBlob blob = store.store(BlobKind.ORIGINAL, "application/pdf", content);

            assertThat(store.read(blob.id())).isEqualTo(content);
            assertThat(store.find(blob.id())).contains(blob);
            assertThat(blob.size()).isEqualTo(content.length);
            byte[] ciphertext = new BlobRows(jdbc).bytes(blob.id(), "ciphertext");
            assertThat(ciphertext).hasSize(content.length + 16);
        }
        StoredBlob letter = store.store(BlobKind.REDACTED, "text/plain", LETTER);
        assertThat(new String(new BlobRows(jdbc).bytes(letter.id(), "ciphertext"), StandardCharsets.ISO_8859_1))
                .doesNotContain("chest pain");
    }

    @Test
    void theSameContentStoredTwiceHasItsOwnDataKeyNonceAndCiphertext() {
        StoredBlob first = store.store(BlobKind.RENDERED_PAGE, "image/png", LETTER);
        StoredBlob second = store.store(BlobKind.RENDERED_PAGE, "image/png", LETTER);
        BlobRows rows = new BlobRows(jdbc);
        for (String column : new String[] {"wrapped_key", "nonce", "ciphertext"}) {
            assertThat(HexFormat.of().formatHex(rows.bytes(first.id(), column)))
                    .as(column).isNotEqualTo(HexFormat.of().formatHex(rows.bytes(second.id(), column)));
        }
        assertThat(rows.bytes(first.id(), "nonce")).hasSize(12);
    }

    @Test
    void aFlippedByteInTheContentIsDetectedAndAudited() {
        StoredBlob blob = store.store(BlobKind.ORIGINAL, "application/pdf", LETTER);
        byte[] ciphertext = new BlobRows(jdbc).bytes(blob.id(), "ciphertext");
        for (int index : new int[] {0, LETTER.length / 2, ciphertext.length - 1}) {
            assertTampered(blob, "ciphertext", BlobRows.flipped(ciphertext, index), ciphertext);
        }
    }

    @Test
    void aFlippedByteInTheWrappedKeyOrTheNonceIsDetected() {
        StoredBlob blob = store.store(BlobKind.ORIGINAL, "application/pdf", LETTER);
        BlobRows rows = new BlobRows(jdbc);
        byte[] wrapped = rows.bytes(blob.id(), "wrapped_key");
        assertTampered(blob, "wrapped_key", BlobRows.flipped(wrapped, 0), wrapped);
        assertTampered(blob, "wrapped_key", BlobRows.flipped(wrapped, 30), wrapped);
        byte[] nonce = rows.bytes(blob.id(), "nonce");
        assertTampered(blob, "nonce", BlobRows.flipped(nonce, 5), nonce);
    }

    @Test
    void changedMetadataIsDetected() {
        StoredBlob blob = store.store(BlobKind.REDACTED, "application/pdf", LETTER);
        assertTampered(blob, "kind", "ORIGINAL", "REDACTED");
        assertTampered(blob, "kind", "SOMETHING", "REDACTED");
        assertTampered(blob, "media_type", "text/html", "application/pdf");
        assertTampered(blob, "content_length", (long) LETTER.length - 1, (long) LETTER.length);
    }

    @Test
    void contentMovedFromAnotherBlobIsDetected() {
        StoredBlob original = store.store(BlobKind.ORIGINAL, "application/pdf", LETTER);
        StoredBlob other = store.store(BlobKind.ORIGINAL, "application/pdf",
                "Someone else's letter".getBytes(StandardCharsets.UTF_8));
        BlobRows rows = new BlobRows(jdbc);
        Map<String, Object> kept = rows.raw(original.id());
        Map<String, Object> moved = rows.raw(other.id());
        // everything that makes up the other blob's content, copied over this one: only the id differs
        for (String column : new String[] {"content_length", "wrapped_key", "nonce", "ciphertext"}) {
            rows.set(original.id(), column, moved.get(column));
        }
        assertThatThrownBy(() -> store.read(original.id())).isInstanceOf(DocumentTamperedException.class);
        for (String column : new String[] {"content_length", "wrapped_key", "nonce", "ciphertext"}) {
            rows.set(original.id(), column, kept.get(column));
        }
        assertThat(store.read(original.id())).isEqualTo(LETTER);
    }

    @Test
    void anUnknownBlobIsNotFound() {
        assertThatThrownBy(() -> store.read(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aBlobNeedsKindMediaTypeAndContent() {
        assertThatThrownBy(() -> store.store(BlobKind.ORIGINAL, " ", LETTER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.store(null, "text/plain", LETTER)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Alters one column, expects the read to be refused and audited, then restores it and expects the content. */
    private void assertTampered(StoredBlob blob, String column, Object altered, Object original) {
        BlobRows rows = new BlobRows(jdbc);
        long before = tamperEntries(blob.id());
        rows.set(blob.id(), column, altered);
        try {
            assertThatThrownBy(() -> store.read(blob.id()))
                    .as("altered %s", column)
                    .isInstanceOf(DocumentTamperedException.class)
                    .hasMessageContaining(blob.id().toString())
                    .satisfies(e -> assertThat(((DocumentTamperedException) e).blobId()).isEqualTo(blob.id()));
            assertThat(tamperEntries(blob.id())).as("audit entries for altered %s", column).isEqualTo(before + 1);
        } finally {
            rows.set(blob.id(), column, original);
        }
        assertThat(store.read(blob.id())).isEqualTo(LETTER);
    }

    private long tamperEntries(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'DOCUMENT_TAMPERED' AND outcome = 'FAILURE' "
                + "AND object_type = 'DocumentBlob' AND object_id = ?").param(id.toString()).query(Long.class).single();
    }
}
