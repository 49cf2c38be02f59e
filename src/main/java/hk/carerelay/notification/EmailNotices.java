package hk.carerelay.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import hk.carerelay.identity.UserDirectory;

/**
 * E-mails a notice for each new in-app notification to the users it reaches (addressed to them or to one of their
 * groups) who asked for e-mail. The notice names only the kind of notification and links to CareRelay: no patient,
 * referral, institution or person is named, since e-mail leaves the hospital's control.
 *
 * <p>The notification table is the outbox: each row is claimed by setting {@code emailed_at} before sending (so two
 * nodes never send the same one) and released again if the SMTP server refuses, to be tried at the next run.
 */
@Service
public class EmailNotices {

    private static final Logger log = LoggerFactory.getLogger(EmailNotices.class);

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final ObjectProvider<JavaMailSender> mail;
    private final EmailNoticeProperties properties;
    private final Clock clock;

    EmailNotices(JdbcClient jdbc, UserDirectory users, ObjectProvider<JavaMailSender> mail,
            EmailNoticeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    private record Due(long id, String recipient, String messageKey, Instant createdAt) {
    }

    @Scheduled(fixedDelayString = "${carerelay.notifications.email.interval:PT30S}", initialDelayString = "PT15S")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("E-mail notices failed; will retry: {}", e.toString());
        }
    }

    /** Handles one batch of notifications not yet considered for e-mail; returns the number of e-mails sent. */
    public int sendDue() {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("E-mail notices are on but no SMTP server is configured (spring.mail.host)");
        }
        List<Due> due = jdbc.sql("""
                SELECT id, recipient, message_key, created_at FROM notification WHERE emailed_at IS NULL
                ORDER BY id FETCH FIRST :batch ROWS ONLY""").param("batch", properties.batch())
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        List<UserDirectory.EmailSubscriber> subscribers = users.emailSubscribers();
        Instant now = clock.instant();
        int sent = 0;
        for (Due notification : due) {
            if (!claim(notification.id(), now)) {
                continue; // another node has it
            }
            if (notification.createdAt().isBefore(now.minus(properties.maxAge()))) {
                continue; // stale: claimed, so never sent
            }
            List<String> to = addresses(notification.recipient(), subscribers);
            if (to.isEmpty()) {
                continue;
            }
            try {
                sender.send(to.stream().map(address -> message(notification.messageKey(), address))
                        .toArray(SimpleMailMessage[]::new));
                sent += to.size();
            } catch (MailException e) {
                release(notification.id());
                log.warn("The SMTP server did not take an e-mail notice; will retry: {}", e.toString());
                break;
            }
        }
        return sent;
    }

    private boolean claim(long id, Instant now) {
        return jdbc.sql("UPDATE notification SET emailed_at = ? WHERE id = ? AND emailed_at IS NULL")
                .params(now.atOffset(ZoneOffset.UTC), id).update() == 1;
    }

    private void release(long id) {
        jdbc.sql("UPDATE notification SET emailed_at = NULL WHERE id = ?").param(id).update();
    }

    private static List<String> addresses(String recipient, List<UserDirectory.EmailSubscriber> subscribers) {
        List<String> to = new ArrayList<>();
        for (UserDirectory.EmailSubscriber s : subscribers) {
            if (recipient.equals(s.user().username()) || s.user().engineGroups().contains(recipient)) {
                to.add(s.email());
            }
        }
        return to;
    }

    /** A message to one address, so recipients do not learn each other's addresses. */
    private SimpleMailMessage message(String messageKey, String to) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to);
        message.setSubject("CareRelay: " + kind(messageKey));
        message.setText("""
                There is a new %s for you in CareRelay.

                Sign in to read it: %s

                For patients' privacy this e-mail does not say which patient, referral or person it concerns. \
                Do not reply to it.
                """.formatted(kind(messageKey), properties.publicUrl().resolve("/notifications")));
        return message;
    }

    /** The kind of notification, from its message key only (never from its arguments). */
    static String kind(String messageKey) {
        String[] parts = messageKey.split("\\.");
        String area = parts.length > 1 ? parts[1] : "";
        return switch (area) {
            case "referral" -> "referral update";
            case "message" -> "message";
            case "consent" -> "consent update";
            case "emergency" -> "emergency access to review";
            case "account" -> "account security notice";
            case "document" -> "document update";
            default -> "notification";
        };
    }
}
