package hk.carerelay.message;

import java.util.List;

/**
 * A message was written in a case's thread. Carries who should hear of it (users and groups, the author left out) and
 * the case's specialty, never the text.
 */
public record MessagePosted(CaseType caseType, String caseId, String messageId, String author, String specialty,
        List<String> recipients) {
}
