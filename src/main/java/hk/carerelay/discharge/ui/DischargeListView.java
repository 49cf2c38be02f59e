package hk.carerelay.discharge.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import hk.carerelay.discharge.DischargeHandover;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.identity.Role;
import hk.carerelay.shared.HongKongTime;
import jakarta.annotation.security.RolesAllowed;

/** The handovers the user takes part in: those their hospital sent, or those addressed to them. */
@Route("discharges")
@Menu(order = 3.5, title = "nav.discharges", icon = "vaadin:exit-o")
@RolesAllowed({"SPECIALIST", "INTERN", "REFERRING_DOCTOR"})
public class DischargeListView extends VerticalLayout implements HasDynamicTitle {

    public DischargeListView(DischargeHandovers handovers) {
        CareRelayUser user = CurrentUser.require();
        Grid<DischargeHandover> grid = new Grid<>();
        grid.setId("discharge-grid");
        grid.addColumn(DischargeHandover::patientName).setHeader(getTranslation("tasks.patient")).setAutoWidth(true);
        grid.addColumn(h -> h.dischargedOn().toString()).setHeader(getTranslation("discharge.dischargedOn"))
                .setAutoWidth(true);
        grid.addColumn(DischargeHandover::hospital).setHeader(getTranslation("discharge.hospital")).setAutoWidth(true);
        grid.addColumn(DischargeHandover::familyDoctor).setHeader(getTranslation("discharge.familyDoctor"))
                .setAutoWidth(true);
        grid.addColumn(h -> getTranslation("status.DISCHARGE_" + h.status().name()))
                .setHeader(getTranslation("tasks.status")).setAutoWidth(true);
        grid.addColumn(h -> HongKongTime.format(h.createdAt())).setHeader(getTranslation("discharge.sentAt"))
                .setAutoWidth(true);
        grid.setItems(handovers.mine(user));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(DischargeDetailView.class,
                new RouteParameters("handoverId", e.getItem().id()))));
        add(new H2(getTranslation("discharge.listTitle")));
        if (user.role() == Role.SPECIALIST || user.role() == Role.INTERN) {
            Button start = new Button(getTranslation("discharge.new"),
                    e -> getUI().ifPresent(ui -> ui.navigate(NewDischargeView.class)));
            start.setId("new-discharge");
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(start);
        }
        add(grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("discharge.listTitle") + " · CareRelay";
    }
}
