package hk.carerelay.sla;

import java.time.Instant;

/**
 * One clocked task: which step of which process, for whom (institution), how urgent, since when and until when.
 * {@code caseInstitution} and {@code caseSpecialty} are the receiving institution and specialty of the case where its
 * process has them (a referral's; they never change once sent), so that the dashboard counts a step's breaches by the
 * referral's receiving side without reading the referral (V25).
 */
public record SlaClock(String taskId, String processKey, String taskKey, String processInstanceId, String caseId,
        String institution, String urgency, Instant startedAt, Instant dueAt, Instant endedAt, Instant breachedAt,
        String breachProcessId, String caseInstitution, String caseSpecialty) {
}
