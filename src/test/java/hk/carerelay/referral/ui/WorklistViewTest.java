package hk.carerelay.referral.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.SavedWorklistFilter;
import hk.carerelay.referral.WorklistRow;
import hk.carerelay.referral.Worklists;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

class WorklistViewTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    hk.carerelay.consent.ConsentService consents;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    Worklists worklists;

    private final String token = "View" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);

    private Referral send(String urgency) {
        Referral referral = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("Z314159(5)", token + " " + urgency, "1975-03-03"), "HSC", "CARDIOLOGY",
                urgency, "Review", "Summary for the worklist view test."));
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, users.find("gp.chan").orElseThrow(), referral.id());
        return referral;
    }

    @SuppressWarnings("unchecked")
    private Grid<WorklistRow> grid() {
        return _get(Grid.class, spec -> spec.withId("worklist-grid"));
    }

    @Test
    void aReferralWhoseConsentWasWithdrawnSaysSoOnTheWorklist() {
        CareRelayUser sender = users.find("gp.chan").orElseThrow();
        Referral shared = send("ROUTINE");
        Referral paused = send("URGENT");
        hk.carerelay.consent.Consent given = consents.forReferral(sender, paused.id()).get(0);
        consents.withdraw(sender, given.id(), "The patient withdrew consent.");
        signIn("coord.wong");
        UI.getCurrent().navigate("worklists");

        _setValue(_get(TextField.class, spec -> spec.withId("worklist-search")), token);
        List<WorklistRow> rows = grid().getGenericDataView().getItems().toList();
        assertThat(rows).extracting(WorklistRow::referralId).containsExactly(paused.id(), shared.id());
        assertThat(rows).extracting(WorklistRow::awaitingConsent).containsExactly(true, false);
        assertThat(patientShown(rows.get(0))).isEqualTo(token + " URGENT Awaiting consent");
        assertThat(patientShown(rows.get(1))).isEqualTo(token + " ROUTINE");
    }

    /** The text of the patient cell: the name, and the consent badge when there is one. */
    @SuppressWarnings("unchecked")
    private String patientShown(WorklistRow row) {
        return ((com.vaadin.flow.data.renderer.ComponentRenderer<?, WorklistRow>) grid().getColumns().get(1)
                .getRenderer()).createComponent(row).getElement().getTextRecursively().replaceAll("\\s+", " ")
                .strip();
    }

    @Test
    void coordinatorFiltersSavesTheFilterAndClaimsTheSelectedReferrals() {
        Referral routine = send("ROUTINE");
        Referral urgent = send("URGENT");
        CareRelayUser coordinator = signIn("coord.wong");
        UI.getCurrent().navigate("worklists");

        _setValue(_get(TextField.class, spec -> spec.withId("worklist-search")), token);
        assertThat(_get(Tab.class, spec -> spec.withId("worklist-for-review")).getLabel()).isEqualTo("For review (2)");
        assertThat(_get(Tab.class, spec -> spec.withId("worklist-overdue")).getLabel()).isEqualTo("Overdue (0)");
        List<WorklistRow> rows = grid().getGenericDataView().getItems().toList();
        assertThat(rows).extracting(WorklistRow::referralId).containsExactly(urgent.id(), routine.id());

        _setValue(_get(TextField.class, spec -> spec.withId("worklist-filter-name")), token);
        _click(_get(Button.class, spec -> spec.withId("worklist-save-filter")));
        assertThat(worklists.filters(coordinator)).extracting(SavedWorklistFilter::name).contains(token);

        rows.forEach(grid()::select);
        _click(_get(Button.class, spec -> spec.withId("worklist-claim")));
        for (Referral referral : List.of(routine, urgent)) {
            assertThat(tasks.openTasksOfCase(coordinator, referral.id())).extracting(TaskView::assignee)
                    .containsExactly("coord.wong");
        }
        assertThat(grid().getGenericDataView().getItems()).extracting(WorklistRow::assignee)
                .containsOnly("coord.wong");

        @SuppressWarnings("unchecked")
        Select<SavedWorklistFilter> saved = _get(Select.class, spec -> spec.withId("worklist-saved-filter"));
        assertThat(saved.getValue().name()).as("the new filter is selected").isEqualTo(token);
        _setValue(_get(TextField.class, spec -> spec.withId("worklist-search")), "");
        _setValue(saved, null);
        _setValue(saved, worklists.filters(coordinator).stream().filter(f -> f.name().equals(token)).findFirst()
                .orElseThrow());
        assertThat(_get(TextField.class, spec -> spec.withId("worklist-search")).getValue()).isEqualTo(token);
        assertThat(grid().getGenericDataView().getItems().count()).isEqualTo(2);
        _click(_get(Button.class, spec -> spec.withId("worklist-delete-filter")));
        assertThat(worklists.filters(coordinator)).extracting(SavedWorklistFilter::name).doesNotContain(token);
    }

    @Test
    void managersReadWithoutClaiming() {
        send("ROUTINE");
        signIn("manager.tsang");
        UI.getCurrent().navigate("worklists");
        _setValue(_get(TextField.class, spec -> spec.withId("worklist-search")), token);
        assertThat(grid().getGenericDataView().getItems().count()).isEqualTo(1);
        _assertNone(Button.class, spec -> spec.withId("worklist-claim"));
    }

    @Test
    void clinicalStaffCannotOpenWorklists() {
        signIn("dr.lee");
        assertThatThrownBy(() -> {
            UI.getCurrent().navigate("worklists");
            _get(WorklistView.class);
        }).hasMessageContaining("AccessDeniedException");
    }
}
