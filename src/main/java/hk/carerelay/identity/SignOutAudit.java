package hk.carerelay.identity;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;

/** Records sign-outs from the UI (API sign-outs are recorded where the token is revoked). */
@Component
class SignOutAudit {

    private final AuditLog audit;

    SignOutAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(LogoutSuccessEvent event) {
        if (event.getAuthentication() != null && event.getAuthentication().getPrincipal() instanceof CareRelayUser user) {
            audit.record(user, AuditAction.SIGN_OUT, "ui");
        }
    }
}
