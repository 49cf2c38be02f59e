package hk.carerelay.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.Role;
import jakarta.annotation.security.PermitAll;

/** Start page: people with a worklist go straight to it, auditors to the audit log; administrators see their tools. */
@Route("")
@PermitAll
public class HomeView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CareRelayUser user = CurrentUser.require();
        if (user.role() == Role.AUDITOR) {
            event.forwardTo("audit");
            return;
        }
        if (user.role() != Role.SYSADMIN && user.role() != Role.METRICS) {
            event.forwardTo("tasks");
            return;
        }
        removeAll();
        add(new H2(getTranslation("home.welcome", user.displayName())));
        add(new Paragraph(getTranslation("home.role." + user.role().name())));
    }

    @Override
    public String getPageTitle() {
        return "CareRelay";
    }
}
