package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.ApplicationTest;
import hk.carerelay.crypto.EnvelopeEncryption;

@ApplicationTest
class DocumentKeyRotationTest {

    @Autowired
    DocumentStore store;

    @Autowired
    DocumentKeyRotation rotation;

    @Autowired
    EnvelopeEncryption envelopes;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rotationRewrapsEveryDataKeyAndLeavesTheContentByteForByte() {
        List<StoredBlob> blobs = new ArrayList<>();
        Map<UUID, byte[]> contents = new HashMap<>();
        for (int i = 0; i < 450; i++) {
            byte[] content = ("page " + i).getBytes(StandardCharsets.UTF_8);
            StoredBlob blob = store.store(BlobKind.RENDERED_PAGE, "image/png", content);
            blobs.add(blob);
            contents.put(blob.id(), content);
        }
        String oldKek = envelopes.currentKekId();
        BlobRows rows = new BlobRows(jdbc);
        Map<UUID, Map<String, Object>> before = new HashMap<>();
        blobs.forEach(b -> before.put(b.id(), rows.raw(b.id())));

        DocumentKeyRotation.Result result = rotation.rotate();

        assertThat(result.kekId()).isNotEqualTo(oldKek).isEqualTo(envelopes.currentKekId());
        assertThat(result.complete()).isTrue();
        assertThat(result.rewrapped()).isGreaterThanOrEqualTo(blobs.size());
        assertThat(result.blobsPerKek()).containsOnlyKeys(result.kekId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_blob WHERE kek_id <> ?").param(result.kekId())
                .query(Long.class).single()).isZero();
        for (StoredBlob blob : blobs) {
            Map<String, Object> old = before.get(blob.id());
            Map<String, Object> now = rows.raw(blob.id());
            assertThat((byte[]) now.get("ciphertext")).isEqualTo((byte[]) old.get("ciphertext"));
            assertThat((byte[]) now.get("nonce")).isEqualTo((byte[]) old.get("nonce"));
            assertThat((byte[]) now.get("wrapped_key")).isNotEqualTo((byte[]) old.get("wrapped_key"));
            assertThat(now.get("kek_id")).isEqualTo(result.kekId());
            assertThat(store.read(blob.id())).isEqualTo(contents.get(blob.id()));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'KEY_ROTATION' AND object_id = ? "
                + "AND outcome = 'SUCCESS'").param(result.kekId()).query(Long.class).single()).isOne();
    }

    @Test
    void aTamperedWrappedKeyIsReportedAndLeftUntilItIsRepaired() {
        StoredBlob good = store.store(BlobKind.ORIGINAL, "application/pdf", "fine".getBytes(StandardCharsets.UTF_8));
        StoredBlob bad = store.store(BlobKind.ORIGINAL, "application/pdf", "altered".getBytes(StandardCharsets.UTF_8));
        BlobRows rows = new BlobRows(jdbc);
        byte[] wrapped = rows.bytes(bad.id(), "wrapped_key");
        String oldKek = (String) rows.raw(bad.id()).get("kek_id");
        rows.set(bad.id(), "wrapped_key", BlobRows.flipped(wrapped, 40));

        DocumentKeyRotation.Result first = rotation.rotate();

        assertThat(first.complete()).isFalse();
        assertThat(first.tampered()).containsExactly(bad.id());
        assertThat(first.blobsPerKek()).containsEntry(oldKek, 1L);
        assertThat(rows.raw(good.id()).get("kek_id")).isEqualTo(first.kekId());
        assertThat(DocumentKekRotationCommand.describe(first)).contains("INCOMPLETE").contains(bad.id().toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'DOCUMENT_TAMPERED' AND object_id = ?")
                .param(bad.id().toString()).query(Long.class).single()).isOne();

        rows.set(bad.id(), "wrapped_key", wrapped);
        DocumentKeyRotation.Result second = rotation.rotate();

        assertThat(second.complete()).isTrue();
        assertThat(second.blobsPerKek()).containsOnlyKeys(second.kekId());
        assertThat(DocumentKekRotationCommand.describe(second)).startsWith("Document key rotation COMPLETE");
        assertThat(store.read(bad.id())).isEqualTo("altered".getBytes(StandardCharsets.UTF_8));
        assertThat(store.read(good.id())).isEqualTo("fine".getBytes(StandardCharsets.UTF_8));
    }
}
