package hk.carerelay.document;

import java.time.Instant;
import java.util.UUID;

/** What the store knows about a blob without decrypting it; {@code size} is the length of the content in bytes. */
public record StoredBlob(UUID id, BlobKind kind, String mediaType, long size, Instant createdAt) {
}
