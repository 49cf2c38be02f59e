package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.message.CaseType;
import hk.carerelay.message.MessagePosted;

/**
 * Tells the other participants of a case that a message is waiting: who wrote, the specialty or department and the
 * kind of case (with a link to a referral), never the text. Runs in the transaction of the message, so both commit together.
 */
@Component
class MessageNotifier {

    private final Notifications notifications;

    MessageNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(MessagePosted e) {
        // a notice links to a referral only; consultation and handover notices name the kind of case instead
        String referralId = e.caseType() == CaseType.REFERRAL ? e.caseId() : null;
        String key = switch (e.caseType()) {
            case REFERRAL -> "notification.message.received";
            case CONSULTATION -> "notification.message.consultation";
            case DISCHARGE -> "notification.message.discharge";
        };
        for (String recipient : e.recipients()) {
            notifications.send(recipient, referralId, key, e.author(), e.specialty() == null ? "" : e.specialty());
        }
    }
}
