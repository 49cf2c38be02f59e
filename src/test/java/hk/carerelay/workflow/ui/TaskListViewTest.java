package hk.carerelay.workflow.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.data.renderer.ComponentRenderer;

import hk.carerelay.consent.Consent;
import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

class TaskListViewTest extends ViewTestSupport {

    @Autowired
    WorkflowTasks tasks;
    @Autowired
    ReferralService referrals;
    @Autowired
    ConsentService consents;

    @SuppressWarnings("unchecked")
    private Grid<TaskView> grid() {
        return _get(Grid.class, spec -> spec.withId("task-grid"));
    }

    @Test
    void coordinatorSeesGroupTasksSoonestDueFirstAndClaimsOne() {
        CareRelayUser coordinator = signIn("coord.wong");
        UI.getCurrent().navigate("tasks");

        Tab group = _get(Tab.class, spec -> spec.withId("tab-group"));
        long expected = tasks.tasksFor(coordinator).stream().filter(t -> t.assignee() == null).count();
        assertThat(expected).isPositive();
        assertThat(group.getLabel()).contains("(" + expected + ")");
        assertThat(_size(grid())).isEqualTo((int) expected);
        for (int i = 1; i < _size(grid()); i++) {
            TaskView previous = _get(grid(), i - 1);
            TaskView current = _get(grid(), i);
            if (previous.due() != null && current.due() != null) {
                assertThat(previous.due()).isBeforeOrEqualTo(current.due());
            }
            if (previous.due() == null) {
                assertThat(current.due()).isNull();
            }
        }

        TaskView first = _get(grid(), 0);
        HorizontalLayout actions = (HorizontalLayout) _getCellComponent(grid(), 0, "actions");
        _click(_get(actions, Button.class, spec -> spec.withClasses("claim-task")));

        assertThat(tasks.task(coordinator, first.id()).assignee()).isEqualTo("coord.wong");
        _get(Tabs.class).setSelectedTab(_get(Tab.class, spec -> spec.withId("tab-mine")));
        assertThat(grid().getGenericDataView().getItems().map(TaskView::id)).contains(first.id());
        assertThat(_get(Tab.class, spec -> spec.withId("tab-mine")).getLabel()).contains("(1)");
    }

    @Test
    void aTaskWhoseReferralWaitsForConsentSaysSoBesideItsStatus() {
        CareRelayUser sender = users.find("gp.chan").orElseThrow();
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        String hkid = ConsentFixtures.newHkid();
        Referral referral = referrals.submit(sender, new ReferralRequest(
                new ReferralRequest.Patient(hkid, "Task Consent", "1971-07-07"), "HSC", "CARDIOLOGY", "ROUTINE",
                "Review", "Summary for the task list's consent status test."));

        assertThat(statusShown(sender, referral)).as("the sender's consent task").isEqualTo("Received Awaiting consent");

        Consent given = ConsentFixtures.consentToShare(consents, sender, referral.id());
        assertThat(statusShown(coordinator, referral)).as("the triage task, shared").isEqualTo("Received");

        consents.withdraw(sender, given.id(), "The patient changed her mind.");
        assertThat(statusShown(coordinator, referral)).as("the triage task, paused")
                .isEqualTo("Received Awaiting consent");
        assertThat(tasks.tasksFor(coordinator).stream().filter(t -> referral.id().equals(t.referralId())))
                .allSatisfy(t -> assertThat(t.summary().awaitingConsent()).isTrue());
    }

    /** The text of the status cell of the user's one open task on the referral, in the tab that lists it. */
    @SuppressWarnings("unchecked")
    private String statusShown(CareRelayUser user, Referral referral) {
        TaskView task = tasks.tasksFor(user).stream().filter(t -> referral.id().equals(t.referralId())).findFirst()
                .orElseThrow();
        signIn(user.username());
        // away and back, so that the list is made afresh for this user
        UI.getCurrent().navigate("referrals");
        UI.getCurrent().navigate("tasks");
        _get(Tabs.class).setSelectedTab(_get(Tab.class,
                spec -> spec.withId(task.assignee() == null ? "tab-group" : "tab-mine")));
        TaskView row = grid().getGenericDataView().getItems().filter(t -> t.id().equals(task.id())).findFirst()
                .orElseThrow();
        Component cell = ((ComponentRenderer<?, TaskView>) grid().getColumns().get(5).getRenderer())
                .createComponent(row);
        return cell.getElement().getTextRecursively().replaceAll("\\s+", " ").strip();
    }

    @Test
    @SuppressWarnings("unchecked")
    void filtersNarrowTheList() {
        signIn("coord.wong");
        UI.getCurrent().navigate("tasks");
        _get(Tabs.class).setSelectedTab(_get(Tab.class, spec -> spec.withId("tab-group")));
        int all = _size(grid());

        Select<String> urgency = _get(Select.class, spec -> spec.withId("filter-urgency"));
        _setValue(urgency, "URGENT");
        assertThat(_size(grid())).isLessThan(all);
        grid().getGenericDataView().getItems().forEach(t -> assertThat(t.summary().urgency()).isEqualTo("URGENT"));

        _setValue(urgency, null);
        _setValue(_get(Checkbox.class, spec -> spec.withId("filter-overdue")), true);
        assertThat(_size(grid())).as("no demo task is overdue yet").isZero();
    }
}
