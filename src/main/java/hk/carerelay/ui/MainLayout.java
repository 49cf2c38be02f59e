package hk.carerelay.ui;

import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.Role;

/**
 * The frame around every signed-in view: title, the menu (built from the views' {@code @Menu} entries, which Vaadin
 * already filters by the views' role annotations), who is signed in, language switch and sign-out.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final ObjectProvider<MenuBadge> badges;
    private final Map<String, SideNavItem> items = new HashMap<>();

    public MainLayout(AuthenticationContext authentication, ObjectProvider<MenuBadge> badges) {
        this.badges = badges;
        H1 title = new H1("CareRelay");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        SideNav nav = new SideNav();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            items.put(entry.path().replaceAll("^/", ""), item);
            nav.addItem(item);
        }
        CurrentUser.get().filter(u -> u.role() == Role.SYSADMIN).ifPresent(u -> {
            SideNavItem cockpit = new SideNavItem(getTranslation("nav.engine"), "/camunda/app/cockpit/default/",
                    new Icon("vaadin", "cogs"));
            cockpit.setRouterIgnore(true);
            cockpit.setId("engine-webapps");
            nav.addItem(cockpit);
        });

        HorizontalLayout header = new HorizontalLayout();
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.add(new DrawerToggle(), title);
        Span spacer = new Span();
        header.add(spacer);
        header.setFlexGrow(1, spacer);
        CurrentUser.get().ifPresent(user -> {
            Span who = new Span(user.displayName() + " · " + getTranslation("role." + user.role().name()) + " · "
                    + user.institution());
            who.setId("signed-in-user");
            who.getStyle().set("font-size", "var(--lumo-font-size-s)");
            header.add(who);
        });
        header.add(new LanguageSwitch());
        Button signOut = new Button(getTranslation("action.signOut"), e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");
        header.add(signOut);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");

        addToNavbar(header);
        addToDrawer(new Scroller(nav));
        setPrimarySection(Section.DRAWER);
    }

    /** Counts beside menu entries (unread messages), brought up to date at every navigation. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        CurrentUser.get().ifPresent(user -> badges.orderedStream().forEach(b -> {
            SideNavItem item = items.get(b.route());
            if (item != null) {
                long count = b.count(user);
                Span badge = new Span(Long.toString(count));
                badge.getElement().getThemeList().add("badge contrast pill small");
                badge.setId("menu-badge-" + b.route());
                badge.setVisible(count > 0);
                item.setSuffixComponent(badge);
            }
        }));
    }
}
