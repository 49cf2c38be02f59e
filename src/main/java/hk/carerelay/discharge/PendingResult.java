package hk.carerelay.discharge;

import java.time.Instant;

/** A result pending at discharge: its number in the summary's list and, once recorded, where the result is sealed. */
public record PendingResult(String id, String handoverId, int itemNo, String status, String resultDocumentId,
        String recordedBy, Instant recordedAt) {

    public boolean received() {
        return resultDocumentId != null;
    }
}
