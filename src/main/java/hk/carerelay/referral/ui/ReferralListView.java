package hk.carerelay.referral.ui;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.ui.Notices;
import jakarta.annotation.security.RolesAllowed;

/** Every referral the user's institution sends or receives (interns: their department's), newest first, paged. */
@Route("referrals")
@Menu(order = 2, title = "nav.referrals", icon = "vaadin:file-text-o")
@RolesAllowed({"REFERRING_DOCTOR", "COORDINATOR", "SPECIALIST", "NURSE", "INTERN", "ADMIN_STAFF", "MANAGER"})
public class ReferralListView extends VerticalLayout implements HasDynamicTitle {

    public ReferralListView(ReferralService referrals, Directory directory) {
        CareRelayUser user = CurrentUser.require();
        setSizeFull();
        Select<ReferralStatus> status = new Select<>();
        status.setId("referral-status-filter");
        status.setLabel(getTranslation("tasks.filter.status"));
        status.setItems(Arrays.asList(ReferralStatus.values()));
        status.setItemLabelGenerator(s -> s == null ? getTranslation("tasks.filter.any") : getTranslation("status." + s));
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("tasks.filter.any"));

        Grid<Referral> grid = new Grid<>();
        grid.setId("referral-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> HongKongTime.format(r.createdAt())).setHeader(getTranslation("referrals.sent")).setAutoWidth(true);
        grid.addColumn(r -> r.patientName() == null ? getTranslation("referral.patientWithheld") : r.patientName())
                .setHeader(getTranslation("tasks.patient")).setAutoWidth(true);
        grid.addColumn(r -> directory.specialty(r.specialty()).map(sp -> sp.name(getLocale())).orElse(r.specialty()))
                .setHeader(getTranslation("tasks.specialty")).setAutoWidth(true);
        grid.addComponentColumn(r -> Notices.badge(getTranslation("urgency." + r.urgency()),
                r.urgency().name().equals("URGENT") ? "error" : "contrast")).setHeader(getTranslation("tasks.urgency"));
        // the open referrals of the pages fetched that no consent covers now, from the same request as the rows
        Set<String> awaitingConsent = new HashSet<>();
        grid.addComponentColumn(r -> ReferralSummary.status(r, awaitingConsent.contains(r.id())))
                .setHeader(getTranslation("tasks.status")).setAutoWidth(true);
        grid.addColumn(Referral::sendingInstitution).setHeader(getTranslation("referrals.from"));
        grid.addColumn(Referral::receivingInstitution).setHeader(getTranslation("referrals.to"));
        grid.addColumn(r -> HongKongTime.format(r.appointmentAt())).setHeader(getTranslation("referral.appointment"))
                .setAutoWidth(true);
        // No exact count for the grid: it grows as the user scrolls, so no page reads every referral to size it.
        grid.setItems(query -> {
            ReferralService.Page page = referrals.list(user, status.getValue(), query.getPage(), query.getPageSize());
            page.items().forEach(r -> awaitingConsent.remove(r.id()));
            awaitingConsent.addAll(page.awaitingConsent());
            return page.items().stream();
        });
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ReferralDetailView.class,
                new RouteParameters("referralId", e.getItem().id()))));
        grid.setSizeFull();
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(new H2(getTranslation("referrals.title")), status, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("referrals.title") + " · CareRelay";
    }
}
