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
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextArea;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.ui.ViewTestSupport;

class ReferralDetailViewTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;

    private Referral send(String specialty) {
        return referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("Z314159(5)", "Detail Test", "1975-03-03"), "HSC", specialty, "ROUTINE",
                "Review", "Summary for the detail view test."));
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
    void coordinatorCannotAskToCancel() {
        Referral referral = send("ENDOCRINOLOGY");
        signIn("coord.wong");
        UI.getCurrent().navigate("referrals/" + referral.id());
        _get(H2.class, spec -> spec.withId("referral-title"));
        _assertNone(Button.class, spec -> spec.withId("request-cancellation"));
    }
}
