package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.consent.ConsentEvents.ConsentChanged;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * Tells everyone a consent change concerns: the clinic's referring doctors (who recorded it and must re-obtain it),
 * and the receiving institution's coordinators, specialists and nurses (who gain or lose the record), once per
 * referral it changes, or once without a referral for a standing consent that covers none yet. In the transaction of
 * the change. No patient data in the text.
 */
@Component
class ConsentNotifier {

    private final Notifications notifications;

    ConsentNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(ConsentChanged e) {
        String key = "notification.consent." + e.status().name().toLowerCase();
        java.util.List<String> referrals = e.referralIds().isEmpty() ? java.util.Collections.singletonList(null)
                : e.referralIds();
        for (String referralId : referrals) {
            notifications.send(CareRelayUser.group(e.recordingInstitution(), Role.REFERRING_DOCTOR), referralId, key,
                    e.receivingInstitution());
            for (Role role : new Role[] {Role.COORDINATOR, Role.SPECIALIST, Role.NURSE}) {
                notifications.send(CareRelayUser.group(e.receivingInstitution(), role), referralId, key,
                        e.receivingInstitution());
            }
        }
    }
}
