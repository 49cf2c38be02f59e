package hk.carerelay.audit;

import java.time.Instant;

/** One audit log entry as read back. */
public record AuditEntry(long id, Instant occurredAt, String username, String role, String institution,
        AuditAction action, String objectType, String objectId, String referralId, String outcome, String detail,
        String clientIp) {
}
