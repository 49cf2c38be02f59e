package hk.carerelay.consultation;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.access.RecordSection;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.workflow.TaskView;

/** Cross-department consultations over HTTP: ask, list (mine or my department's), read, cancel. */
@RestController
class ConsultationController {

    private final ConsultationService consultations;

    ConsultationController(ConsultationService consultations) {
        this.consultations = consultations;
    }

    record Created(String id, ConsultationStatus status) {
    }

    record ListItem(String id, ConsultationStatus status, String urgency, String patientName, String requester,
            String requestingDepartment, String consultedDepartment, String referralId, Instant createdAt,
            Instant answeredAt) {

        static ListItem of(Consultation c) {
            return new ListItem(c.id(), c.status(), c.urgency(), c.patientName(), c.requester(),
                    c.requestingDepartment(), c.consultedDepartment(), c.referralId(), c.createdAt(), c.answeredAt());
        }
    }

    /** The part of the referral the requester shared; sections not shared are null. */
    record SharedReferral(String id, String patientName, String patientHkid, LocalDate patientDateOfBirth,
            String specialty, String reason, String clinicalSummary) {

        static SharedReferral of(Referral r) {
            return r == null ? null : new SharedReferral(r.id(), r.patientName(), r.patientHkid(),
                    r.patientDateOfBirth(), r.specialty(), r.reason(), r.clinicalSummary());
        }
    }

    record OpenTask(String id, String taskKey, String name, String assignee, Instant due) {

        static OpenTask of(TaskView t) {
            return new OpenTask(t.id(), t.taskKey(), t.name(), t.assignee(), t.due());
        }
    }

    record DetailBody(String id, ConsultationStatus status, String urgency, String institution, String requester,
            String requestingDepartment, String consultedDepartment, String patientName, String patientHkid,
            String referralId, Set<RecordSection> sharedSections, String question, String opinion,
            String recommendation, String answeredBy, Instant createdAt, Instant answeredAt, Instant closedAt,
            SharedReferral referral, List<OpenTask> openTasks) {
    }

    @PostMapping("/api/consultations")
    ResponseEntity<Created> request(@RequestBody(required = false) ConsultationRequest request) {
        Consultation c = consultations.request(CurrentUser.require(), request);
        return ResponseEntity.created(URI.create("/api/consultations/" + c.id())).body(new Created(c.id(), c.status()));
    }

    @GetMapping("/api/consultations")
    List<ListItem> list(@RequestParam(defaultValue = "mine") String scope) {
        return consultations.list(CurrentUser.require(), scope).stream().map(ListItem::of).toList();
    }

    @GetMapping("/api/consultations/{id}")
    DetailBody get(@PathVariable String id) {
        ConsultationService.Details d = consultations.details(CurrentUser.require(), id);
        Consultation c = d.consultation();
        return new DetailBody(c.id(), c.status(), c.urgency(), c.institution(), c.requester(),
                c.requestingDepartment(), c.consultedDepartment(), c.patientName(), c.patientHkid(), c.referralId(),
                c.sharedSections(), d.question(), d.opinion(), d.recommendation(), c.answeredBy(), c.createdAt(),
                c.answeredAt(), c.closedAt(), SharedReferral.of(d.sharedReferral()),
                d.openTasks().stream().map(OpenTask::of).toList());
    }

    @PostMapping("/api/consultations/{id}/cancellation")
    Created cancel(@PathVariable String id) {
        Consultation c = consultations.cancel(CurrentUser.require(), id);
        return new Created(c.id(), c.status());
    }
}
