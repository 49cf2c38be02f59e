package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.discharge.DischargeHandoverSent;
import hk.carerelay.discharge.FollowUpReminderDue;
import hk.carerelay.discharge.LateResultRecorded;

/**
 * Tells the family doctor of a discharge handover what waits for them: a new summary, a follow-up due soon or today,
 * a result that arrived after discharge. No clinical content: the notice names the kind and the due date only.
 */
@Component
class DischargeNotifier {

    private final Notifications notifications;

    DischargeNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(DischargeHandoverSent e) {
        notifications.send(e.familyDoctor(), null, "notification.discharge.sent", e.hospital());
    }

    @EventListener
    void on(FollowUpReminderDue e) {
        notifications.send(e.familyDoctor(), null,
                e.onDueDate() ? "notification.discharge.followUpDue" : "notification.discharge.followUpSoon",
                e.dueOn().toString());
    }

    @EventListener
    void on(LateResultRecorded e) {
        notifications.send(e.familyDoctor(), null, "notification.discharge.lateResult");
    }
}
