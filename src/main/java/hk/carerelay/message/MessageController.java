package hk.carerelay.message;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;

/** A referral's message thread over HTTP (reading it marks it read), writing in it, and the caller's unread counts. */
@RestController
class MessageController {

    private final SecureMessages messages;

    MessageController(SecureMessages messages) {
        this.messages = messages;
    }

    record NewMessage(String body, String documentId) {
    }

    @GetMapping("/api/referrals/{id}/messages")
    MessageThread thread(@PathVariable String id) {
        return messages.thread(CurrentUser.require(), id);
    }

    @PostMapping("/api/referrals/{id}/messages")
    ResponseEntity<Message> post(@PathVariable String id, @RequestBody(required = false) NewMessage body) {
        Message message = messages.post(CurrentUser.require(), id, body == null ? null : body.body(),
                body == null ? null : body.documentId());
        return ResponseEntity.created(URI.create("/api/referrals/" + id + "/messages")).body(message);
    }

    @GetMapping("/api/messages/unread")
    UnreadMessages unread() {
        return messages.unread(CurrentUser.require());
    }
}
