package hk.carerelay.referral.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

class ReferralDetailViewTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    hk.carerelay.consent.ConsentService consents;
    @Autowired
    WorkflowTasks tasks;

    private Referral send(String specialty) {
        Referral referral = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("Z314159(5)", "Detail Test", "1975-03-03"), "HSC", specialty, "ROUTINE",
                "Review", "Summary for the detail view test."));
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, users.find("gp.chan").orElseThrow(), referral.id());
        return referral;
    }

    @Test
    void senderSeesTheTimelineAndCanAskToCancel() {
        Referral referral = send("CARDIOLOGY");
        CareRelayUser gp = signIn("gp.chan");
        UI.getCurrent().navigate("referrals/" + referral.id());

        assertThat(_get(H2.class, spec -> spec.withId("referral-title")).getText()).contains("Detail Test");
        assertThat(_get(Grid.class, spec -> spec.withId("timeline")).getGenericDataView().getItems().count())
                .isGreaterThanOrEqualTo(2);

        _click(_get(Button.class, spec -> spec.withId("request-cancellation")));
        _click(_get(Button.class, spec -> spec.withId("send-cancellation")));
        assertThat(_get(TextArea.class, spec -> spec.withId("cancellation-reason")).isInvalid())
                .as("a reason is required").isTrue();
        _setValue(_get(TextArea.class, spec -> spec.withId("cancellation-reason")), "Patient moved overseas.");
        _click(_get(Button.class, spec -> spec.withId("send-cancellation")));

        assertThat(referrals.get(gp, referral.id()).status()).isEqualTo(ReferralStatus.CANCELLATION_REQUESTED);
        _assertNone(Button.class, spec -> spec.withId("request-cancellation"));
    }

    @Test
    void internOfAnotherDepartmentIsToldItDoesNotExist() {
        Referral referral = send("CARDIOLOGY");
        signIn("intern.lam");
        UI.getCurrent().navigate("referrals/" + referral.id());
        assertThat(_get(H2.class).getText()).isEqualTo("Referral not found");
        _assertNone(Grid.class);
    }

    @Test
    void aClinicianOutsideTheScopeOpensItWithEmergencyAccessAndTheManagerReviewsIt() {
        Referral referral = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("Z314159(5)", "Detail Test", "1975-03-03"), "LRH", "CARDIOLOGY", "URGENT",
                "Chest pain", "Summary for the emergency access view test."));
        signIn("dr.lee");
        UI.getCurrent().navigate("referrals/" + referral.id());
        assertThat(_get(H2.class).getText()).isEqualTo("Referral not found");
        _get(Details.class, spec -> spec.withId("emergency-access")).setOpened(true);
        _setValue(_get(TextArea.class, spec -> spec.withId("emergency-reason")), "too short");
        _click(_get(Button.class, spec -> spec.withId("emergency-open")));
        assertThat(_get(TextArea.class, spec -> spec.withId("emergency-reason")).isInvalid()).isTrue();
        _setValue(_get(TextArea.class, spec -> spec.withId("emergency-reason")),
                "Patient collapsed in our clinic; need the referral letter now.");
        _click(_get(Button.class, spec -> spec.withId("emergency-open")));

        assertThat(_get(H2.class, spec -> spec.withId("referral-title")).getText()).contains("Detail Test");
        assertThat(_get(Paragraph.class, spec -> spec.withId("emergency-banner")).getText())
                .startsWith("Emergency access: read-only until");
        _assertNone(Button.class, spec -> spec.withId("request-cancellation"));

        signIn("manager.tsang");
        UI.getCurrent().navigate("tasks");
        TaskView review = tasks.tasksFor(users.find("manager.tsang").orElseThrow()).stream()
                .filter(t -> t.taskKey().equals("Task_ReviewEmergencyAccess") && referral.id().equals(t.referralId()))
                .findFirst().orElseThrow();
        UI.getCurrent().navigate("tasks/" + review.id());
        assertThat(_get(Span.class, spec -> spec.withId("emergency-grant-reason")).getText())
                .contains("Patient collapsed");
        assertThat(_get(Grid.class, spec -> spec.withId("emergency-grant-uses")).getGenericDataView().getItems()
                .count()).as("the grant and the view under it").isEqualTo(2);
    }

    /**
     * Until a consent covers it, and again once that consent is withdrawn, the referral's page and the list say it waits
     * for the patient's consent, beside its status.
     */
    @Test
    void aReferralWaitingForConsentSaysSoBesideItsStatus() {
        CareRelayUser sender = users.find("gp.chan").orElseThrow();
        String hkid = hk.carerelay.patient.Hkid.of("Z", String.format("%06d",
                java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000))).display();
        Referral referral = referrals.submit(sender, new ReferralRequest(
                new ReferralRequest.Patient(hkid, "Consent Pending", "1968-08-08"), "HSC", "CARDIOLOGY", "ROUTINE",
                "Review", "Summary for the consent status test."));
        signIn("gp.chan");
        assertThat(statusShown(referral)).as("received, but not yet shared").isEqualTo("Received Awaiting consent");
        assertThat(listedStatus(referral)).isEqualTo("Received Awaiting consent");

        hk.carerelay.consent.Consent given = hk.carerelay.consent.ConsentFixtures.consentToShare(consents, sender,
                referral.id());
        assertThat(statusShown(referral)).isEqualTo("Received");
        assertThat(listedStatus(referral)).isEqualTo("Received");

        consents.withdraw(sender, given.id(), "The patient changed his mind.");
        assertThat(statusShown(referral)).as("sharing paused").isEqualTo("Received Awaiting consent");
        assertThat(listedStatus(referral)).isEqualTo("Received Awaiting consent");
    }

    /** The text of the status cell on the referral's page: the status, and the consent badge when there is one. */
    private static String statusShown(Referral referral) {
        UI.getCurrent().navigate("referrals/" + referral.id());
        return text(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("referral-status"))
                .getChildren().findFirst().orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private static String listedStatus(Referral referral) {
        UI.getCurrent().navigate("referrals");
        Grid<Referral> grid = _get(Grid.class, spec -> spec.withId("referral-grid"));
        Referral row = grid.getGenericDataView().getItems().filter(r -> r.id().equals(referral.id())).findFirst()
                .orElseThrow();
        return text(((com.vaadin.flow.data.renderer.ComponentRenderer<?, Referral>) grid.getColumns().get(4)
                .getRenderer()).createComponent(row));
    }

    private static String text(com.vaadin.flow.component.Component shown) {
        return shown.getElement().getTextRecursively().replaceAll("\\s+", " ").strip();
    }

    @Test
    void coordinatorCannotAskToCancel() {
        Referral referral = send("ENDOCRINOLOGY");
        signIn("coord.wong");
        UI.getCurrent().navigate("referrals/" + referral.id());
        _get(H2.class, spec -> spec.withId("referral-title"));
        _assertNone(Button.class, spec -> spec.withId("request-cancellation"));
    }
}
