package hk.carerelay.sla;

import java.time.Instant;

/** One clocked task: which step of which process, for whom (institution), how urgent, since when and until when. */
public record SlaClock(String taskId, String processKey, String taskKey, String processInstanceId, String caseId,
        String institution, String urgency, Instant startedAt, Instant dueAt, Instant endedAt, Instant breachedAt,
        String breachProcessId) {
}
