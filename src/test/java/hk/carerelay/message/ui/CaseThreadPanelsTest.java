package hk.carerelay.message.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.GridKt;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;

import hk.carerelay.consent.ConsentFixtures;
import hk.carerelay.consultation.ConsultationRequest;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.discharge.DischargeFixtures;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.message.CaseType;
import hk.carerelay.message.SecureMessages;
import hk.carerelay.message.UnreadMessages;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.ui.ViewTestSupport;

/**
 * The Messages panel on the consultation page and on the discharge handover page: the same panel as on the referral
 * page, with its unread badge, the thread with receipts and a box to answer; the handover's has nothing to attach;
 * the inbox links to the right page.
 */
class CaseThreadPanelsTest extends ViewTestSupport {

    @Autowired
    ConsultationService consultations;
    @Autowired
    DischargeHandovers handovers;
    @Autowired
    SecureMessages messages;
    @Autowired
    ReferralService referrals;

    private Details panel() {
        return _get(Details.class, spec -> spec.withId("messages"));
    }

    private String bodies() {
        return String.join("\n", _find(Paragraph.class, spec -> spec.withClasses("message-body")).stream()
                .map(Paragraph::getText).toList());
    }

    @Test
    void theConsultedDoctorReadsAndAnswersOnTheConsultationPage() {
        CareRelayUser lee = users.find("dr.lee").orElseThrow();
        String referral = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient(ConsentFixtures.newHkid(), "Thread Panel", "1961-06-06"), "HSC",
                "CARDIOLOGY", "ROUTINE", "Chest pain", "Summary for the thread panel test.")).id();
        String id = consultations.request(lee, new ConsultationRequest("ENDOCRINOLOGY", "URGENT",
                "Steroid-induced hyperglycaemia: insulin plan?", referral, List.of(), null)).id();
        messages.post(lee, CaseType.CONSULTATION, id, "Glucose 19 this morning.", null);

        CareRelayUser lau = signIn("dr.lau");
        UI.getCurrent().navigate("consultations/" + id);
        assertThat(_get(H2.class, spec -> spec.withId("consultation-title")).getText()).contains("Endocrinology");
        Span badge = _get(Span.class, spec -> spec.withId("messages-unread"));
        assertThat(badge.getText()).isEqualTo("1 unread");

        panel().setOpened(true);
        assertThat(bodies()).isEqualTo("Glucose 19 this morning.");
        assertThat(_get(Span.class, spec -> spec.withClasses("message-receipts")).getText())
                .startsWith("Read by Dr Lau");
        _assertNone(Span.class, spec -> spec.withId("messages-unread"));
        // the consultation shares no documents: nothing to point at
        _assertNone(ComboBox.class, spec -> spec.withId("message-document"));
        _setValue(_get(TextArea.class, spec -> spec.withId("message-body")), "Start basal-bolus; I will come by.");
        _click(_get(Button.class, spec -> spec.withId("message-send")));
        assertThat(bodies()).isEqualTo("Glucose 19 this morning.\nStart basal-bolus; I will come by.");
        assertThat(messages.unread(lee).in(CaseType.CONSULTATION, id)).isEqualTo(1);
        assertThat(messages.unread(lau).in(CaseType.CONSULTATION, id)).isZero();

        signIn("dr.lee");
        UI.getCurrent().navigate("messages");
        Grid<UnreadMessages.Thread> threads = _get(Grid.class, spec -> spec.withId("message-threads"));
        List<String> ids = threads.getGenericDataView().getItems().map(UnreadMessages.Thread::caseId).toList();
        assertThat(ids).contains(id);
        Anchor open = (Anchor) GridKt._getCellComponent(threads, ids.indexOf(id), "open");
        assertThat(open.getHref()).isEqualTo("consultations/" + id);
    }

    @Test
    void theFamilyDoctorAsksOnTheHandoverPageWithNothingToAttach() {
        CareRelayUser lee = users.find("dr.lee").orElseThrow();
        String id = handovers.start(lee, DischargeFixtures.request("gp.chan", null,
                DischargeFixtures.summary(LocalDate.now(HongKongTime.ZONE), List.of(), List.of()))).id();

        signIn("gp.chan");
        UI.getCurrent().navigate("discharges/" + id);
        assertThat(_get(H2.class, spec -> spec.withId("discharge-title")).getText()).contains("Discharge Test Patient");
        _assertNone(Span.class, spec -> spec.withId("messages-unread"));
        panel().setOpened(true);
        assertThat(_get(Paragraph.class, spec -> spec.withText("No messages yet.")).isVisible()).isTrue();
        _assertNone(ComboBox.class, spec -> spec.withId("message-document"));
        _setValue(_get(TextArea.class, spec -> spec.withId("message-body")), "Is the aspirin lifelong?");
        _click(_get(Button.class, spec -> spec.withId("message-send")));
        assertThat(bodies()).isEqualTo("Is the aspirin lifelong?");
        assertThat(messages.unread(lee).in(CaseType.DISCHARGE, id)).isEqualTo(1);

        signIn("dr.lee");
        UI.getCurrent().navigate("discharges/" + id);
        assertThat(_get(Span.class, spec -> spec.withId("messages-unread")).getText()).isEqualTo("1 unread");

        signIn("nurse.ho");
        UI.getCurrent().navigate("discharges/" + id);
        assertThat(_get(H2.class, spec -> spec.withId("discharge-unavailable")).getText())
                .isEqualTo("This discharge handover is not available");
        _assertNone(Details.class, spec -> spec.withId("messages"));
    }
}
