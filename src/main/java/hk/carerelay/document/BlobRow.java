package hk.carerelay.document;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code document_blob}: the metadata, the wrapped data key and the encrypted content. The kind is kept as
 * stored, so that an altered value fails authentication instead of parsing.
 */
record BlobRow(UUID id, String kind, String mediaType, long size, String kekId, byte[] wrappedKey, byte[] nonce,
        byte[] ciphertext, Instant createdAt) {

    StoredBlob metadata() {
        return new StoredBlob(id, BlobKind.valueOf(kind), mediaType, size, createdAt);
    }
}
