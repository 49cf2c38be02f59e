package hk.carerelay.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Toast messages in one style: success briefly, errors until dismissed or for longer. */
public final class Notices {

    private Notices() {
    }

    public static void success(String message) {
        Notification n = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String message) {
        Notification n = new Notification(new Span(message));
        n.setDuration(8000);
        n.setPosition(Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setId("error-notice");
        n.open();
    }

    /** A label with Lumo's badge style, for statuses and urgencies. */
    public static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge " + theme);
        return badge;
    }

    /**
     * What a cell shows, and beside it the "Awaiting consent" badge (class {@code awaiting-consent}) while no consent
     * of the patient covers the referral: the same sign in the referral list, the task list and the worklists.
     */
    public static Component withConsentBadge(Component shown, boolean awaitingConsent) {
        if (!awaitingConsent) {
            return shown;
        }
        Span consent = badge(translate("status.AWAITING_CONSENT"), "contrast");
        consent.addClassName("awaiting-consent");
        return new Span(shown, new Span(" "), consent);
    }

    public static String translate(String key, Object... params) {
        return UI.getCurrent().getTranslation(key, params);
    }
}
