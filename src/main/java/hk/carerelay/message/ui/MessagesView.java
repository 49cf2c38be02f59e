package hk.carerelay.message.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.message.SecureMessages;
import hk.carerelay.message.UnreadMessages;
import hk.carerelay.shared.HongKongTime;
import jakarta.annotation.security.RolesAllowed;

/**
 * The user's message inbox: the referrals, consultations and discharge handovers whose threads hold messages they have
 * not read, newest first, each linking to the case's page where the thread is read. Counts and times only, no patient
 * data (and so no audit entry).
 */
@Route("messages")
@Menu(order = 4.5, title = "nav.messages", icon = "vaadin:comments-o")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN"})
public class MessagesView extends VerticalLayout implements HasDynamicTitle {

    public MessagesView(SecureMessages messages) {
        CareRelayUser user = CurrentUser.require();
        UnreadMessages unread = messages.unread(user);
        add(new H2(getTranslation("messages.inboxTitle", unread.total())));
        if (unread.threads().isEmpty()) {
            add(new Paragraph(getTranslation("messages.inboxEmpty")));
            return;
        }
        Grid<UnreadMessages.Thread> grid = new Grid<>();
        grid.setId("message-threads");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(t -> HongKongTime.format(t.latest())).setHeader(getTranslation("messages.latest"))
                .setAutoWidth(true);
        grid.addColumn(UnreadMessages.Thread::unread).setHeader(getTranslation("messages.unreadColumn"))
                .setAutoWidth(true);
        grid.addComponentColumn(t -> switch (t.caseType()) {
            case REFERRAL -> new Anchor("referrals/" + t.caseId(), getTranslation("messages.openReferral"));
            case CONSULTATION -> new Anchor("consultations/" + t.caseId(), getTranslation("messages.openConsultation"));
            case DISCHARGE -> new Anchor("discharges/" + t.caseId(), getTranslation("messages.openDischarge"));
        }).setKey("open").setHeader("").setFlexGrow(1);
        grid.setItems(unread.threads());
        grid.setAllRowsVisible(true);
        add(grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.messages") + " · CareRelay";
    }
}
