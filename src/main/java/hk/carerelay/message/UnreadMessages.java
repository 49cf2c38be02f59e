package hk.carerelay.message;

import java.util.List;

/** How many messages the user has not read, per thread and in all, over the threads they may read. */
public record UnreadMessages(long total, List<Thread> threads) {

    public record Thread(CaseType caseType, String caseId, long unread) {
    }

    public long in(CaseType caseType, String caseId) {
        return threads.stream().filter(t -> t.caseType() == caseType && t.caseId().equals(caseId))
                .mapToLong(Thread::unread).sum();
    }
}
