package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.referral.ReferralEvents.EmergencyAccessGranted;
import hk.carerelay.referral.ReferralEvents.ReferralStatusChanged;
import hk.carerelay.referral.ReferralEvents.ReferralSubmitted;
import hk.carerelay.referral.ReferralEvents.TriageSlaBreached;
import hk.carerelay.referral.ReferralStatus;

/**
 * Tells the people a referral's progress concerns: the receiving coordinators of new work, the referring doctor of
 * every decision, the managers of an SLA breach. Runs in the transaction of the change, so both commit together.
 */
@Component
class ReferralNotifier {

    private final Notifications notifications;

    ReferralNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(ReferralSubmitted e) {
        notifications.send(CareRelayUser.group(e.receivingInstitution(), Role.COORDINATOR), e.referralId(),
                "notification.referral.received", e.specialty(), e.urgency().name());
    }

    @EventListener
    void on(ReferralStatusChanged e) {
        String key = "notification.referral." + e.to().name().toLowerCase();
        String coordinators = CareRelayUser.group(e.receivingInstitution(), Role.COORDINATOR);
        if (e.to() == ReferralStatus.RECEIVED || e.to() == ReferralStatus.CANCELLATION_REQUESTED) {
            notifications.send(coordinators, e.referralId(), key, e.specialty());
        } else if (e.to() == ReferralStatus.COMPLETED && e.from() == ReferralStatus.REPORT_SENT) {
            notifications.send(coordinators, e.referralId(), "notification.referral.acknowledged", e.specialty());
        } else {
            notifications.send(e.sendingUser(), e.referralId(), key, e.specialty());
        }
    }

    /** No link to the referral: the managers review the access in their task, not the record. */
    @EventListener
    void on(EmergencyAccessGranted e) {
        notifications.send(CareRelayUser.group(e.institution(), Role.MANAGER), null,
                "notification.emergency.granted", e.username());
    }

    @EventListener
    void on(TriageSlaBreached e) {
        notifications.send(CareRelayUser.group(e.receivingInstitution(), Role.MANAGER), e.referralId(),
                "notification.referral.slaBreached", e.urgency().name());
        notifications.send(CareRelayUser.group(e.receivingInstitution(), Role.COORDINATOR), e.referralId(),
                "notification.referral.slaBreached", e.urgency().name());
    }
}
