package hk.carerelay.notification;

import java.time.Instant;
import java.util.List;

/** One notification: to whom (a user or a group), about which referral, which message (i18n key and arguments). */
public record Notification(long id, String recipient, String referralId, String messageKey, List<String> messageArgs,
        Instant createdAt, Instant readAt) {
}
