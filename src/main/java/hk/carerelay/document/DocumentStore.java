package hk.carerelay.document;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.crypto.AssociatedData;
import hk.carerelay.crypto.EnvelopeEncryption;
import hk.carerelay.crypto.IntegrityException;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.NotFoundException;

/**
 * Stores and reads blobs, encrypted at rest (ADR 0011). Writes join the caller's transaction, so a document's row and
 * its blobs commit together. Access decisions are the caller's: this store answers whoever asks.
 */
@Service
public class DocumentStore {

    static final String FORMAT = "carerelay-blob-v1";

    private final DocumentBlobs blobs;
    private final EnvelopeEncryption envelopes;
    private final AuditLog audit;
    private final Clock clock;

    DocumentStore(DocumentBlobs blobs, EnvelopeEncryption envelopes, AuditLog audit, Clock clock) {
        this.blobs = blobs;
        this.envelopes = envelopes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Encrypts the content under a new data key and stores it as a new blob. */
    public StoredBlob store(BlobKind kind, String mediaType, byte[] content) {
        if (kind == null || mediaType == null || mediaType.isBlank() || content == null) {
            throw new IllegalArgumentException("A blob needs a kind, a media type and content");
        }
        UUID id = UUID.randomUUID();
        EnvelopeEncryption.Sealed sealed = envelopes.seal(content,
                associatedData(id, kind.name(), mediaType, content.length), id.toString());
        BlobRow row = new BlobRow(id, kind.name(), mediaType, content.length, sealed.kekId(), sealed.wrappedKey(),
                sealed.nonce(), sealed.ciphertext(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        blobs.insert(row);
        return row.metadata();
    }

    /**
     * The decrypted content. Throws {@link NotFoundException} for an unknown id and {@link DocumentTamperedException}
     * (after writing an audit entry) if the blob fails its integrity check.
     */
    public byte[] read(UUID id) {
        BlobRow row = blobs.find(id).orElseThrow(() -> new NotFoundException("No document blob " + id));
        try {
            return envelopes.open(new EnvelopeEncryption.Sealed(row.kekId(), row.wrappedKey(), row.nonce(),
                    row.ciphertext()), associatedData(id, row.kind(), row.mediaType(), row.size()), id.toString());
        } catch (IntegrityException e) {
            throw tampered(id, e);
        }
    }

    /** The blob's metadata, without decrypting it (not checked for integrity until it is read). */
    public Optional<StoredBlob> find(UUID id) {
        return blobs.metadata(id);
    }

    DocumentTamperedException tampered(UUID id, IntegrityException e) {
        audit.write(CurrentUser.get().orElse(null), AuditLog.Event.of(AuditAction.DOCUMENT_TAMPERED)
                .outcome("FAILURE").on("DocumentBlob", id.toString()).detail(e.getMessage()));
        return new DocumentTamperedException(id, e.getMessage(), e);
    }

    /**
     * The authenticated metadata: a changed id, kind, media type or length makes the content fail to open, so a blob
     * cannot be passed off as another or relabelled. The key-encryption key id is authenticated by the key wrap
     * instead, so that rotation does not touch the content.
     */
    static byte[] associatedData(UUID id, String kind, String mediaType, long size) {
        return AssociatedData.of(FORMAT, id.toString(), kind, mediaType, Long.toString(size));
    }
}
