package hk.carerelay.notification.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.notification.Notification;
import hk.carerelay.notification.Notifications;
import hk.carerelay.shared.HongKongTime;
import jakarta.annotation.security.RolesAllowed;

/** What happened to the user's referrals and their team's work, newest first. */
@Route("notifications")
@Menu(order = 4, title = "nav.notifications", icon = "vaadin:bell-o")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER",
        "SYSADMIN"})
public class NotificationsView extends VerticalLayout implements HasDynamicTitle {

    public NotificationsView(Notifications notifications) {
        CareRelayUser user = CurrentUser.require();
        setSizeFull();
        Grid<Notification> grid = new Grid<>();
        grid.setId("notification-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(n -> HongKongTime.format(n.createdAt())).setHeader(getTranslation("timeline.at")).setWidth("11em")
                .setFlexGrow(0);
        grid.addComponentColumn(n -> {
            Span text = new Span(getTranslation(n.messageKey(), n.messageArgs().toArray()));
            if (n.readAt() == null) {
                text.getStyle().set("font-weight", "600");
            }
            return text;
        }).setHeader(getTranslation("notifications.message")).setFlexGrow(1);
        grid.addComponentColumn(n -> n.referralId() == null ? new Span()
                : new Anchor("referrals/" + n.referralId(), getTranslation("notifications.open")))
                .setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(notifications.forUser(user, 200));
        Button markRead = new Button(getTranslation("notifications.markRead"), e -> {
            notifications.markAllRead(user);
            grid.setItems(notifications.forUser(user, 200));
        });
        markRead.setId("mark-read");
        add(new H2(getTranslation("notifications.title", notifications.unreadCount(user))), markRead, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.notifications") + " · CareRelay";
    }
}
