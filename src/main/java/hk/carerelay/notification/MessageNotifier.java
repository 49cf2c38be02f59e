package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.message.CaseType;
import hk.carerelay.message.MessagePosted;

/**
 * Tells the other participants of a case that a message is waiting: who wrote and the specialty, with a link to the
 * case, never the text. Runs in the transaction of the message, so both commit together.
 */
@Component
class MessageNotifier {

    private final Notifications notifications;

    MessageNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(MessagePosted e) {
        String referralId = e.caseType() == CaseType.REFERRAL ? e.caseId() : null;
        for (String recipient : e.recipients()) {
            notifications.send(recipient, referralId, "notification.message.received", e.author(),
                    e.specialty() == null ? "" : e.specialty());
        }
    }
}
