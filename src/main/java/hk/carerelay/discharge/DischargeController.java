package hk.carerelay.discharge;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ValidationException;

/**
 * Discharge handovers over HTTP: start one, list one's own, read one, record a late result. The family doctor's work
 * (acknowledge, follow-up, review a result) goes through the task API like every other task.
 */
@RestController
class DischargeController {

    private final DischargeHandovers handovers;

    DischargeController(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    record Created(String id, DischargeStatus status, String familyDoctor) {
    }

    record ListItem(String id, DischargeStatus status, String patientName, String hospital, String author,
            String familyDoctor, LocalDate dischargedOn, Instant createdAt, Instant acknowledgedAt) {

        static ListItem of(DischargeHandover h) {
            return new ListItem(h.id(), h.status(), h.patientName(), h.hospital(), h.author(), h.familyDoctor(),
                    h.dischargedOn(), h.createdAt(), h.acknowledgedAt());
        }
    }

    record DetailBody(String id, DischargeStatus status, String patientName, String hospital, String author,
            String clinic, String familyDoctor, String referralId, LocalDate dischargedOn, Instant createdAt,
            Instant acknowledgedAt, Map<String, Object> summary, List<DischargeHandovers.FollowUpItem> followUps,
            List<DischargeHandovers.ResultItem> results) {
    }

    record ResultBody(String result) {
    }

    @PostMapping("/api/discharges")
    ResponseEntity<Created> start(@RequestBody(required = false) DischargeHandovers.StartRequest request) {
        DischargeHandover h = handovers.start(CurrentUser.require(), request);
        return ResponseEntity.created(URI.create("/api/discharges/" + h.id()))
                .body(new Created(h.id(), h.status(), h.familyDoctor()));
    }

    @GetMapping("/api/discharges")
    List<ListItem> list() {
        return handovers.mine(CurrentUser.require()).stream().map(ListItem::of).toList();
    }

    @GetMapping("/api/discharges/{id}")
    DetailBody get(@PathVariable String id) {
        DischargeHandovers.Details d = handovers.details(CurrentUser.require(), id);
        DischargeHandover h = d.handover();
        return new DetailBody(h.id(), h.status(), h.patientName(), h.hospital(), h.author(), h.clinic(),
                h.familyDoctor(), h.referralId(), h.dischargedOn(), h.createdAt(), h.acknowledgedAt(), d.summary(),
                d.followUps(), d.results());
    }

    @PostMapping("/api/discharges/{id}/results/{item}")
    DischargeHandovers.ResultItem recordResult(@PathVariable String id, @PathVariable String item,
            @RequestBody(required = false) ResultBody body) {
        int itemNo;
        try {
            itemNo = Integer.parseInt(item);
        } catch (NumberFormatException e) {
            throw ValidationException.of("item", "must be the number of a pending result");
        }
        return handovers.recordResult(CurrentUser.require(), id, itemNo, body == null ? null : body.result());
    }
}
