package hk.carerelay.message.ui;

import org.springframework.stereotype.Component;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.message.SecureMessages;
import hk.carerelay.ui.MenuBadge;

/** The number of unread messages beside the Messages menu entry. */
@Component
class UnreadMessagesBadge implements MenuBadge {

    private final SecureMessages messages;

    UnreadMessagesBadge(SecureMessages messages) {
        this.messages = messages;
    }

    @Override
    public String route() {
        return "messages";
    }

    @Override
    public long count(CareRelayUser user) {
        return messages.unread(user).total();
    }
}
