package hk.carerelay.message;

import java.time.Instant;
import java.util.List;

/** How many messages the user has not read, per thread and in all, over the threads they may read. */
public record UnreadMessages(long total, List<Thread> threads) {

    /** A thread with unread messages: how many, and when the latest of them was written. */
    public record Thread(CaseType caseType, String caseId, long unread, Instant latest) {
    }

    public long in(CaseType caseType, String caseId) {
        return threads.stream().filter(t -> t.caseType() == caseType && t.caseId().equals(caseId))
                .mapToLong(Thread::unread).sum();
    }
}
