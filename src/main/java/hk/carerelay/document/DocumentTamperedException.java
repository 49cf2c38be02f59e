package hk.carerelay.document;

import java.util.UUID;

/**
 * A stored blob failed its integrity check: its content, metadata or wrapped key was changed, or the keystore holds a
 * different key under its key id. The read returns nothing; the failure is in the audit log.
 */
public class DocumentTamperedException extends RuntimeException {

    private final UUID blobId;

    DocumentTamperedException(UUID blobId, String reason, Throwable cause) {
        super("Document blob " + blobId + " failed its integrity check: " + reason, cause);
        this.blobId = blobId;
    }

    public UUID blobId() {
        return blobId;
    }
}
