package hk.carerelay.message;

import java.time.Instant;
import java.util.List;

/**
 * One message as a reader sees it: who wrote it and when, the text, the document it points at (null when there is
 * none or the reader may not open it yet: {@code attachmentPending} tells the second), who has read it, and whether
 * it was unread for this reader before they opened the thread.
 */
public record Message(String id, String author, String authorName, String authorInstitution, Instant sentAt,
        String body, Attachment attachment, boolean attachmentPending, List<Receipt> readBy, boolean unread) {

    /** A document of the case the message points at, as far as the reader may open it. */
    public record Attachment(String documentId, String fileName, String category) {
    }

    /** A read receipt: who read the message and when (first time). */
    public record Receipt(String username, String name, Instant readAt) {
    }
}
