package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.consultation.ConsultationAnswered;
import hk.carerelay.consultation.ConsultationRequested;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * Tells the consulted department's doctors that an opinion is asked of them and the requester that it came back. No
 * clinical content: the notices name departments and urgency only.
 */
@Component
class ConsultationNotifier {

    private final Notifications notifications;

    ConsultationNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(ConsultationRequested e) {
        notifications.send(CareRelayUser.group(e.institution(), Role.SPECIALIST, e.consultedDepartment()), null,
                "notification.consultation.requested", e.requestingDepartment(), e.urgency());
    }

    @EventListener
    void on(ConsultationAnswered e) {
        notifications.send(e.requester(), null, "notification.consultation.answered", e.consultedDepartment());
    }
}
