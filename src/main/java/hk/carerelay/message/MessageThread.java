package hk.carerelay.message;

import java.util.List;

/**
 * A case's messages, oldest first, for one reader: whether they may write in it, and whether they read it under
 * emergency access (read-only, their reading leaves no receipts).
 */
public record MessageThread(CaseType caseType, String caseId, List<Message> messages, boolean mayWrite,
        boolean emergencyAccess) {
}
