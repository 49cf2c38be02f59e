package hk.carerelay.ui;

import hk.carerelay.identity.CareRelayUser;

/**
 * A count a feature shows beside its menu entry (unread messages). Features provide it as a Spring bean, so the shell
 * shows it without importing the feature.
 */
public interface MenuBadge {

    /** The route of the menu entry the count belongs to, as in its {@code @Route} (for example {@code messages}). */
    String route();

    /** The count for the user; zero shows no badge. Must not read or reveal patient data. */
    long count(CareRelayUser user);
}
