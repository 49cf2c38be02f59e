package hk.carerelay.message.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
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
import com.vaadin.flow.server.VaadinSession;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.message.CaseType;
import hk.carerelay.message.SecureMessages;
import hk.carerelay.message.UnreadMessages;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.ui.LanguageSwitch;
import hk.carerelay.ui.MainLayout;
import hk.carerelay.ui.ViewTestSupport;

/** The Messages panel on the referral page: unread badge, the thread with receipts, writing, and who sees none of it. */
class MessagesPanelTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    hk.carerelay.consent.ConsentService consents;
    @Autowired
    SecureMessages messages;

    private String referral(String specialty) {
        String id = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("Z314159(5)", "Panel Test", "1975-03-03"), "HSC", specialty, "ROUTINE",
                "Review", "Summary for the messages panel test.")).id();
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, users.find("gp.chan").orElseThrow(), id);
        return id;
    }

    private Details panel() {
        return _get(Details.class, spec -> spec.withId("messages"));
    }

    private String text(String cssClass) {
        return String.join("\n", _find(Paragraph.class, spec -> spec.withClasses(cssClass)).stream()
                .map(Paragraph::getText).toList());
    }

    @Test
    void theSpecialistSeesTheUnreadBadgeReadsTheThreadAndAnswers() {
        String id = referral("CARDIOLOGY");
        messages.post(users.find("gp.chan").orElseThrow(), CaseType.REFERRAL, id, "Could you see her before her trip on the 20th?", null);

        CareRelayUser lee = signIn("dr.lee");
        UI.getCurrent().navigate("referrals/" + id);
        Span badge = _get(Span.class, spec -> spec.withId("messages-unread"));
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText()).isEqualTo("1 unread");

        panel().setOpened(true);
        assertThat(text("message-body")).isEqualTo("Could you see her before her trip on the 20th?");
        assertThat(_get(Span.class, spec -> spec.withClasses("message-receipts")).getText()).startsWith("Read by Dr Lee");
        assertThat(badge.isVisible()).isFalse();
        assertThat(messages.unread(lee).in(CaseType.REFERRAL, id)).isZero();

        _click(_get(Button.class, spec -> spec.withId("message-send")));
        TextArea body = _get(TextArea.class, spec -> spec.withId("message-body"));
        assertThat(body.isInvalid()).as("an empty message is refused").isTrue();
        assertThat(body.getErrorMessage()).isEqualTo("is required");

        _setValue(_get(TextArea.class, spec -> spec.withId("message-body")), "Yes: booked for Thursday 10:00.");
        _click(_get(Button.class, spec -> spec.withId("message-send")));
        assertThat(text("message-body")).isEqualTo(
                "Could you see her before her trip on the 20th?\nYes: booked for Thursday 10:00.");
        assertThat(messages.unread(users.find("gp.chan").orElseThrow()).in(CaseType.REFERRAL, id)).isEqualTo(1);
    }

    @Test
    void labelsAreInTraditionalChineseToo() {
        String id = referral("CARDIOLOGY");
        messages.post(users.find("gp.chan").orElseThrow(), CaseType.REFERRAL, id, "請問病人有否暈倒？", null);
        signIn("dr.lee");
        VaadinSession.getCurrent().setLocale(LanguageSwitch.TRADITIONAL_CHINESE);
        UI.getCurrent().navigate("referrals/" + id);
        assertThat(_get(Span.class, spec -> spec.withId("messages-unread")).getText()).isEqualTo("1 則未讀");
        panel().setOpened(true);
        assertThat(_get(Button.class, spec -> spec.withId("message-send")).getText()).isEqualTo("傳送");
    }

    @Test
    void theInboxAndTheMenuCountUnreadMessagesUntilTheThreadIsRead() {
        String id = referral("CARDIOLOGY");
        messages.post(users.find("gp.chan").orElseThrow(), CaseType.REFERRAL, id, "The echo report will follow tomorrow.", null);
        messages.post(users.find("gp.chan").orElseThrow(), CaseType.REFERRAL, referral("CARDIOLOGY"), "Another question.", null);
        CareRelayUser coordinator = signIn("coord.wong");
        long total = messages.unread(coordinator).total();
        assertThat(total).isPositive();

        UI.getCurrent().navigate("messages");
        assertThat(_get(H2.class).getText()).isEqualTo("Unread messages: " + total);
        Grid<UnreadMessages.Thread> threads = _get(Grid.class, spec -> spec.withId("message-threads"));
        assertThat(threads.getGenericDataView().getItems().map(UnreadMessages.Thread::caseId)).contains(id);
        assertThat(menuBadge().getText()).isEqualTo(Long.toString(total));

        UI.getCurrent().navigate("referrals/" + id);
        panel().setOpened(true);
        UI.getCurrent().navigate("messages");
        assertThat(menuBadge().getText()).as("the other referral's message is still unread")
                .isEqualTo(Long.toString(total - 1));
        assertThat(_get(Grid.class, spec -> spec.withId("message-threads")).getGenericDataView().getItems()
                .map(t -> ((UnreadMessages.Thread) t).caseId())).doesNotContain(id);
    }

    /** The shell's menu as Spring makes it, brought up to date as after a navigation. */
    private Span menuBadge() {
        MainLayout layout = context.getAutowireCapableBeanFactory().createBean(MainLayout.class);
        layout.afterNavigation(null);
        return _get(layout, Span.class, spec -> spec.withId("menu-badge-messages"));
    }

    @Test
    void administrativeStaffAndOutsidersSeeNoThread() {
        String id = referral("CARDIOLOGY");
        signIn("admin.ng");
        UI.getCurrent().navigate("referrals/" + id);
        assertThat(_get(H2.class, spec -> spec.withId("referral-title")).getText()).contains("Panel Test");
        _assertNone(Details.class, spec -> spec.withId("messages"));

        signIn("intern.lam");
        UI.getCurrent().navigate("referrals/" + id);
        assertThat(_get(H2.class).getText()).isEqualTo("Referral not found");
        _assertNone(Details.class, spec -> spec.withId("messages"));
    }
}
