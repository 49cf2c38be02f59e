package hk.carerelay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.Accounts;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.shared.ValidationException;
import jakarta.mail.internet.MimeMessage;

/** E-mail notices through a real SMTP server in the test JVM: who gets them, what they say, and retries. */
@ApplicationTest
class EmailNoticesTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    Notifications notifications;
    @Autowired
    Accounts accounts;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @BeforeEach
    void setUp() {
        // what earlier tests left waiting is not this test's business
        jdbc.sql("UPDATE notification SET emailed_at = created_at WHERE emailed_at IS NULL").update();
        accounts.changeEmailSettings(user("dr.lee"), "dr.lee@hsc.example", true);
    }

    @AfterEach
    void tearDown() {
        accounts.changeEmailSettings(user("dr.lee"), null, false);
        accounts.changeEmailSettings(user("gp.chan"), null, false);
    }

    /** The service as the application builds it, sending to the test's SMTP server where it listens now. */
    private EmailNotices notices() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        return new EmailNotices(jdbc, users,
                new StaticListableBeanFactory(Map.of("mail", sender)).getBeanProvider(JavaMailSender.class),
                new EmailNoticeProperties(true, "carerelay@hsc.example", URI.create("https://carerelay.hsc.example"),
                        Duration.ofSeconds(30), Duration.ofHours(1), 200),
                clock);
    }

    private CareRelayUser user(String username) {
        return users.find(username).orElseThrow();
    }

    private long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE emailed_at IS NULL").query(Long.class).single();
    }

    @Test
    void aNoticeGoesToSubscribedMembersOfTheGroupAndNamesNoPatient() throws Exception {
        accounts.changeEmailSettings(user("gp.chan"), "gp.chan@clinic.example", false);
        notifications.send(CareRelayUser.group("HSC", Role.SPECIALIST, "CARDIOLOGY"), null,
                "notification.referral.received", "CHAN Tai Man", "A123456(3)");
        notifications.send("gp.chan", null, "notification.referral.accepted", "CHAN Tai Man");
        EmailNotices notices = notices();

        assertThat(notices.sendDue()).isEqualTo(1);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()).extracting(Object::toString).contains("dr.lee@hsc.example")
                .doesNotContain("gp.chan@clinic.example");
        String body = GreenMailUtil.getBody(received[0]);
        assertThat(received[0].getSubject()).isEqualTo("CareRelay: referral update");
        assertThat(body).contains("https://carerelay.hsc.example/notifications")
                .doesNotContain("CHAN").doesNotContain("A123456").doesNotContain("HSC-").doesNotContain("CARDIOLOGY");
        assertThat(pending()).isZero();

        assertThat(notices.sendDue()).as("each notification is e-mailed once").isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void whenTheSmtpServerIsDownTheNoticeWaitsForTheNextRun() {
        EmailNotices notices = notices();
        smtp.stop();
        notifications.send("dr.lee", null, "notification.referral.report_sent", "Cardiology");

        assertThat(notices.sendDue()).isZero();
        assertThat(pending()).as("released for a retry").isOne();

        smtp.start();
        assertThat(notices().sendDue()).isOne();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(pending()).isZero();
    }

    @Test
    void notificationsOlderThanTheMaximumAgeAreNotEmailed() {
        notifications.send("dr.lee", null, "notification.referral.scheduled", "Cardiology");
        jdbc.sql("UPDATE notification SET created_at = ? WHERE emailed_at IS NULL")
                .param(clock.instant().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC)).update();

        assertThat(notices().sendDue()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(pending()).isZero();
    }

    @Test
    void anAddressIsCheckedAndNeededForNotices() {
        assertThatThrownBy(() -> accounts.changeEmailSettings(user("gp.chan"), "not an address", false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> accounts.changeEmailSettings(user("gp.chan"), " ", true))
                .isInstanceOf(ValidationException.class);
        assertThat(accounts.emailSettings(user("gp.chan")).notices()).isFalse();
    }

    @Test
    void theKindOfNoticeComesFromTheKeyAlone() {
        assertThat(EmailNotices.kind("notification.account.locked")).isEqualTo("account security notice");
        assertThat(EmailNotices.kind("notification.something.new")).isEqualTo("notification");
    }
}
