package hk.carerelay.notification;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.identity.AccountLocked;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.shared.HongKongTime;

/** Tells a user, and their institution's system administrators, that the account was locked after failed sign-ins. */
@Component
class AccountNotifier {

    private final Notifications notifications;

    AccountNotifier(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(AccountLocked e) {
        String until = HongKongTime.format(e.until());
        notifications.send(e.username(), null, "notification.account.locked", until);
        notifications.send(CareRelayUser.group(e.institution(), Role.SYSADMIN), null,
                "notification.account.lockedForAdmin", e.username(), until);
    }
}
