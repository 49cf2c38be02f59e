package hk.carerelay.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.identity.CareRelayUser;

/** Stores notifications and reads a user's own (addressed to them or to one of their groups). */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void send(String recipient, String referralId, String messageKey, String... args) {
        jdbc.sql("INSERT INTO notification (recipient, referral_id, message_key, message_args, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(recipient, referralId, messageKey, String.join("|", args),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The newest notifications for the user, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Notification> forUser(CareRelayUser user, int limit) {
        return jdbc.sql("""
                SELECT id, recipient, referral_id, message_key, message_args, created_at, read_at FROM notification
                WHERE recipient IN (:recipients) ORDER BY created_at DESC, id DESC FETCH FIRST :limit ROWS ONLY""")
                .param("recipients", recipients(user)).param("limit", limit)
                .query((rs, n) -> new Notification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null || rs.getString(5).isEmpty() ? List.of()
                                : Arrays.asList(rs.getString(5).split("\\|")),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getObject(7, OffsetDateTime.class) == null ? null
                                : rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    public long unreadCount(CareRelayUser user) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient IN (:recipients) AND read_at IS NULL")
                .param("recipients", recipients(user)).query(Long.class).single();
    }

    /** Marks the user's own unread notifications as read (group notifications are marked for the whole team). */
    @Transactional
    public void markAllRead(CareRelayUser user) {
        jdbc.sql("UPDATE notification SET read_at = :now WHERE recipient IN (:recipients) AND read_at IS NULL")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("recipients", recipients(user))
                .update();
    }

    private static List<String> recipients(CareRelayUser user) {
        List<String> recipients = new ArrayList<>(user.engineGroups());
        recipients.add(user.username());
        return recipients;
    }
}
