package hk.carerelay.audit.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditEntry;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.ui.ViewTestSupport;

class AuditViewTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;

    @Test
    @SuppressWarnings("unchecked")
    void theAuditorFindsWhoViewedAPatientAndGetsTheReport() {
        String id = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("G445566(4)", "Tse Kwok Wing", "1990-07-07"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Audit view", "Seen by the nurse for the audit view test.")).id();
        referrals.get(users.find("nurse.ho").orElseThrow(), id);

        signIn("auditor.yip");
        UI.getCurrent().navigate("audit");
        _setValue(_get(TextField.class, spec -> spec.withId("audit-patient")), "G445566(4)");
        Select<AuditAction> action = _get(Select.class, spec -> spec.withId("audit-action"));
        _setValue(action, AuditAction.VIEW);
        _click(_get(Button.class, spec -> spec.withId("audit-search")));

        Grid<AuditEntry> grid = _get(Grid.class, spec -> spec.withId("audit-grid"));
        assertThat(_size(grid)).isPositive();
        assertThat(grid.getGenericDataView().getItems().map(AuditEntry::username)).contains("nurse.ho");
        _get(Anchor.class, spec -> spec.withId("audit-csv"));
        _get(Anchor.class, spec -> spec.withId("audit-fhir"));

        _click(_get(Button.class, spec -> spec.withId("audit-report")));
        _get(Anchor.class, spec -> spec.withId("audit-report-link"));

        _click(_get(Button.class, spec -> spec.withId("audit-verify")));
        assertThat(_get(Div.class, spec -> spec.withId("audit-status")).getText()).startsWith("The audit log is intact");
    }

    @Test
    void aBadHkidIsShownOnTheField() {
        signIn("auditor.yip");
        UI.getCurrent().navigate("audit");
        TextField patient = _get(TextField.class, spec -> spec.withId("audit-patient"));
        _setValue(patient, "A123456(4)");
        _click(_get(Button.class, spec -> spec.withId("audit-search")));
        assertThat(patient.isInvalid()).isTrue();
    }

    @Test
    void clinicalStaffCannotOpenTheAuditLog() {
        signIn("coord.wong");
        assertThatThrownBy(() -> {
            UI.getCurrent().navigate("audit");
            _get(AuditView.class);
        }).hasMessageContaining("AccessDeniedException");
    }
}
