package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.sla.SlaBreached;

/** Escalation: tells the managers of an institution that one of its waiting steps passed its SLA clock (ADR 0018). */
@Component
class SlaNotifier {

    private final Notifications notifications;

    SlaNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(SlaBreached e) {
        if (e.institution() != null) {
            notifications.send(CareRelayUser.group(e.institution(), Role.MANAGER), null, "notification.sla.breached",
                    e.processKey(), e.urgency() == null ? "" : e.urgency());
        }
    }
}
