package hk.carerelay.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import hk.carerelay.identity.CareRelayUser;

/**
 * Appends audit entries. Joins the caller's transaction when there is one, so the entry commits or rolls back with the
 * action; entries for failures (sign-in failed, access denied) are written on their own.
 */
@Service
public class AuditLog {

    private static final int DETAIL_MAX = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(CareRelayUser actor, AuditAction action, String detail) {
        write(actor, actor == null ? null : actor.username(), action, null, null, null, "SUCCESS", detail);
    }

    public void referral(CareRelayUser actor, AuditAction action, String referralId, String detail) {
        write(actor, actor.username(), action, "Referral", referralId, referralId, "SUCCESS", detail);
    }

    public void task(CareRelayUser actor, AuditAction action, String taskId, String referralId, String detail) {
        write(actor, actor.username(), action, "Task", taskId, referralId, "SUCCESS", detail);
    }

    public void denied(CareRelayUser actor, String objectType, String objectId, String reason) {
        write(actor, actor == null ? null : actor.username(), AuditAction.ACCESS_DENIED, objectType, objectId, null,
                "DENIED", reason);
    }

    public void signInFailed(String username) {
        write(null, username == null ? null : truncate(username, 64), AuditAction.SIGN_IN_FAILED, null, null, null,
                "FAILURE", null);
    }

    public List<AuditEntry> forReferral(String referralId) {
        return jdbc.sql("""
                SELECT id, occurred_at, username, role, institution, action, object_type, object_id, referral_id,
                       outcome, detail, client_ip
                FROM audit_event WHERE referral_id = ? ORDER BY occurred_at, id""")
                .param(referralId)
                .query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), AuditAction.valueOf(rs.getString(6)),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getString(12)))
                .list();
    }

    private void write(CareRelayUser actor, String username, AuditAction action, String objectType, String objectId,
            String referralId, String outcome, String detail) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, username, role, institution, action, object_type, object_id,
                                         referral_id, outcome, detail, client_ip)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), username,
                        actor == null ? null : actor.role().name(), actor == null ? null : actor.institution(),
                        action.name(), objectType, objectId, referralId, outcome,
                        detail == null ? null : truncate(detail, DETAIL_MAX), clientIp())
                .update();
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
