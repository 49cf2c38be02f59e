package hk.carerelay.notification;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;

/** The caller's in-app notifications. */
@RestController
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    List<Notification> list() {
        return notifications.forUser(CurrentUser.require(), 50);
    }

    @PostMapping("/api/notifications/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead() {
        notifications.markAllRead(CurrentUser.require());
    }
}
