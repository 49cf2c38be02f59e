package hk.carerelay.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;

import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/** Every view that shows patient data leaves an audit entry for the user who opened it, as the API does. */
class ViewReadsAreAuditedTest extends ViewTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReferralService referrals;

    @Autowired
    WorkflowTasks tasks;

    private long entries(String username, String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = ? AND action = ?")
                .params(username, action).query(Long.class).single();
    }

    private record Visit(String username, String route, String action) {
    }

    @Test
    void everyViewOfPatientDataIsAudited() {
        String referral = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("E112233(2)", "Lam Yuk Ling", "1968-04-18"), "HSC", "ENDOCRINOLOGY",
                "ROUTINE", "Audited views", "Opened in every view.")).id();
        String task = tasks.openTasksOfCase(users.find("coord.wong").orElseThrow(), referral).stream()
                .map(TaskView::id).findFirst().orElseThrow();

        for (Visit visit : List.of(
                new Visit("coord.wong", "tasks", "SEARCH"),
                new Visit("coord.wong", "worklists", "SEARCH"),
                new Visit("coord.wong", "referrals/" + referral, "VIEW"),
                new Visit("coord.wong", "tasks/" + task, "VIEW"),
                new Visit("intern.lam", "referrals/" + referral, "VIEW"),
                new Visit("dr.lee", "referrals/" + referral, "VIEW"),
                new Visit("manager.tsang", "worklists", "SEARCH"))) {
            long before = entries(visit.username(), visit.action());
            signIn(visit.username());
            UI.getCurrent().navigate(visit.route());
            assertThat(entries(visit.username(), visit.action())).as(visit.route() + " by " + visit.username())
                    .isGreaterThan(before);
        }

        long searches = entries("manager.tsang", "SEARCH");
        signIn("manager.tsang");
        UI.getCurrent().navigate("referrals");
        assertThat(_size(_get(Grid.class, spec -> spec.withId("referral-grid")))).isPositive();
        assertThat(entries("manager.tsang", "SEARCH")).as("referral list").isGreaterThan(searches);

        long auditorSearches = entries("auditor.yip", "SEARCH");
        signIn("auditor.yip");
        UI.getCurrent().navigate("audit");
        _click(_get(Button.class, spec -> spec.withId("audit-search")));
        assertThat(entries("auditor.yip", "SEARCH")).as("audit search").isGreaterThan(auditorSearches);
    }
}
