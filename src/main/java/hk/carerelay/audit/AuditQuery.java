package hk.carerelay.audit;

import java.time.Instant;

/**
 * A search of the audit log. Every search has a time range: without one, the last {@value #DEFAULT_DAYS} days; the
 * range may not exceed {@value #MAX_DAYS} days, so no search reads the whole table.
 */
public record AuditQuery(String patientId, String username, String referralId, AuditAction action, String outcome,
        Instant from, Instant to) {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3660;
}
