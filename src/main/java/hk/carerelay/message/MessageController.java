package hk.carerelay.message;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;

/**
 * A case's message thread over HTTP (reading it marks it read) and writing in it, under the case's own path: a
 * referral, a consultation, a discharge handover; and the caller's unread counts over all of them.
 */
@RestController
class MessageController {

    private final SecureMessages messages;

    MessageController(SecureMessages messages) {
        this.messages = messages;
    }

    record NewMessage(String body, String documentId) {
    }

    @GetMapping("/api/referrals/{id}/messages")
    MessageThread referralThread(@PathVariable String id) {
        return messages.thread(CurrentUser.require(), CaseType.REFERRAL, id);
    }

    @PostMapping("/api/referrals/{id}/messages")
    ResponseEntity<Message> postOnReferral(@PathVariable String id, @RequestBody(required = false) NewMessage body) {
        return post(CaseType.REFERRAL, id, "/api/referrals/", body);
    }

    @GetMapping("/api/consultations/{id}/messages")
    MessageThread consultationThread(@PathVariable String id) {
        return messages.thread(CurrentUser.require(), CaseType.CONSULTATION, id);
    }

    @PostMapping("/api/consultations/{id}/messages")
    ResponseEntity<Message> postOnConsultation(@PathVariable String id,
            @RequestBody(required = false) NewMessage body) {
        return post(CaseType.CONSULTATION, id, "/api/consultations/", body);
    }

    @GetMapping("/api/discharges/{id}/messages")
    MessageThread dischargeThread(@PathVariable String id) {
        return messages.thread(CurrentUser.require(), CaseType.DISCHARGE, id);
    }

    @PostMapping("/api/discharges/{id}/messages")
    ResponseEntity<Message> postOnDischarge(@PathVariable String id, @RequestBody(required = false) NewMessage body) {
        return post(CaseType.DISCHARGE, id, "/api/discharges/", body);
    }

    @GetMapping("/api/messages/unread")
    UnreadMessages unread() {
        return messages.unread(CurrentUser.require());
    }

    private ResponseEntity<Message> post(CaseType caseType, String id, String casePath, NewMessage body) {
        Message message = messages.post(CurrentUser.require(), caseType, id, body == null ? null : body.body(),
                body == null ? null : body.documentId());
        return ResponseEntity.created(URI.create(casePath + id + "/messages")).body(message);
    }
}
