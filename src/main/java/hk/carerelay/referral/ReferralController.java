package hk.carerelay.referral;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.access.RecordSection;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.organisation.Specialty;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.TaskSubmission;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.TimelineEntry;

/** Referrals over HTTP: send, list, read (with timeline), ask to cancel; plus the institution and specialty lists. */
@RestController
class ReferralController {

    private static final int MAX_PAGE_SIZE = 100;

    private final ReferralService referrals;
    private final Directory directory;
    private final EmergencyAccess emergencyAccess;

    ReferralController(ReferralService referrals, Directory directory, EmergencyAccess emergencyAccess) {
        this.referrals = referrals;
        this.directory = directory;
        this.emergencyAccess = emergencyAccess;
    }

    record PatientBody(String hkid, String name, LocalDate dateOfBirth) {
    }

    record Created(String id, ReferralStatus status) {
    }

    /** {@code awaitingConsent}: as in {@link DetailBody}. */
    record ListItem(String id, ReferralStatus status, boolean awaitingConsent, String patientName, String specialty,
            Urgency urgency, String sendingInstitution, String receivingInstitution, Instant createdAt,
            Instant triageDue, Instant appointmentAt) {

        static ListItem of(Referral r, boolean awaitingConsent) {
            return new ListItem(r.id(), r.status(), awaitingConsent, r.patientName(), r.specialty(), r.urgency(),
                    r.sendingInstitution(), r.receivingInstitution(), r.createdAt(), r.triageDue(), r.appointmentAt());
        }
    }

    record PageBody(List<ListItem> items, int page, int size, long total, boolean totalIsLowerBound) {
    }

    record Submission(String taskKey, String formId, String submittedBy, Instant submittedAt,
            Map<String, Object> values) {

        static Submission of(TaskSubmission s) {
            return new Submission(s.taskKey(), s.formId(), s.submittedBy(), s.submittedAt(), s.values());
        }
    }

    record OpenTask(String id, String taskKey, String name, String assignee, Instant due) {

        static OpenTask of(TaskView t) {
            return new OpenTask(t.id(), t.taskKey(), t.name(), t.assignee(), t.due());
        }
    }

    record TimelineItem(Instant at, String actor, String event) {

        static TimelineItem of(TimelineEntry e) {
            return new TimelineItem(e.at(), e.actor(), e.event());
        }
    }

    /**
     * {@code awaitingConsent}: open, and no consent of the patient covers it now (not yet given, or withdrawn or expired
     * since): the receiving side sees the administrative part only, and the referral waits for the sender to record
     * one (ADR 0019).
     */
    record DetailBody(String id, ReferralStatus status, boolean awaitingConsent, PatientBody patient,
            String sendingInstitution, String sendingUser, String receivingInstitution, String specialty,
            Urgency urgency, String reason, String clinicalSummary, Instant createdAt, Instant updatedAt,
            Instant triageDue, Instant appointmentAt, String cancellationReason, List<Submission> submissions,
            List<OpenTask> openTasks, List<TimelineItem> timeline, List<RecordSection> withheld,
            EmergencyAccessBody emergencyAccess) {
    }

    record EmergencyAccessRequest(String reason) {
    }

    /** An emergency-access grant as the API shows it; the review fields stay null until managers have reviewed. */
    record EmergencyAccessBody(String id, String referralId, String username, String reason, Instant grantedAt,
            Instant expiresAt, String reviewOutcome, String reviewedBy, String reviewComment, Instant reviewedAt) {

        static EmergencyAccessBody of(EmergencyGrant g) {
            return g == null ? null : new EmergencyAccessBody(g.id(), g.referralId(), g.username(), g.reason(),
                    g.grantedAt(), g.expiresAt(), g.reviewOutcome(), g.reviewedBy(), g.reviewComment(), g.reviewedAt());
        }
    }

    record CancellationBody(String reason) {
    }

    @PostMapping("/api/referrals")
    ResponseEntity<Created> submit(@RequestBody(required = false) ReferralRequest request) {
        Referral referral = referrals.submit(CurrentUser.require(), request);
        return ResponseEntity.created(URI.create("/api/referrals/" + referral.id()))
                .body(new Created(referral.id(), referral.status()));
    }

    @GetMapping("/api/referrals")
    PageBody list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ReferralStatus filter = null;
        if (status != null && !status.isBlank()) {
            try {
                filter = ReferralStatus.valueOf(status.strip());
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("status", "must be one of " + List.of(ReferralStatus.values()));
            }
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ValidationException(List.of(
                    new FieldError(page < 0 ? "page" : "size",
                            page < 0 ? "must be 0 or more" : "must be between 1 and " + MAX_PAGE_SIZE)));
        }
        ReferralService.Page result = referrals.list(CurrentUser.require(), filter, page, size);
        List<ListItem> items = result.items().stream()
                .map(r -> ListItem.of(r, result.awaitingConsent().contains(r.id()))).toList();
        return new PageBody(items, result.page(), result.size(), result.total(), result.totalIsLowerBound());
    }

    @GetMapping("/api/referrals/{id}")
    DetailBody get(@PathVariable String id) {
        ReferralService.Details d = referrals.details(CurrentUser.require(), id);
        Referral r = d.referral();
        return new DetailBody(r.id(), r.status(), d.awaitingConsent(),
                r.patientName() == null ? null : new PatientBody(r.patientHkid(), r.patientName(), r.patientDateOfBirth()),
                r.sendingInstitution(), r.sendingUser(), r.receivingInstitution(), r.specialty(), r.urgency(),
                r.reason(), r.clinicalSummary(), r.createdAt(), r.updatedAt(), r.triageDue(), r.appointmentAt(),
                r.cancellationReason(), d.submissions().stream().map(Submission::of).toList(),
                d.openTasks().stream().map(OpenTask::of).toList(),
                d.timeline().stream().map(TimelineItem::of).toList(), d.withheld(),
                EmergencyAccessBody.of(d.emergencyAccess()));
    }

    /** Break-glass: opens a referral outside the caller's scope for a limited time and starts the managers' review. */
    @PostMapping("/api/referrals/{id}/emergency-access")
    ResponseEntity<EmergencyAccessBody> emergencyAccess(@PathVariable String id,
            @RequestBody(required = false) EmergencyAccessRequest body) {
        EmergencyGrant grant = emergencyAccess.open(CurrentUser.require(), id, body == null ? null : body.reason());
        return ResponseEntity.created(URI.create("/api/emergency-access/" + grant.id()))
                .body(EmergencyAccessBody.of(grant));
    }

    /** A grant, for the managers who review it. */
    @GetMapping("/api/emergency-access/{grantId}")
    EmergencyAccessBody emergencyAccessGrant(@PathVariable String grantId) {
        return EmergencyAccessBody.of(emergencyAccess.forReview(CurrentUser.require(), grantId));
    }

    @PostMapping("/api/referrals/{id}/cancellation")
    Created requestCancellation(@PathVariable String id, @RequestBody(required = false) CancellationBody body) {
        Referral referral = referrals.requestCancellation(CurrentUser.require(), id, body == null ? null : body.reason());
        return new Created(referral.id(), referral.status());
    }

    @GetMapping("/api/institutions")
    List<Institution> institutions() {
        return directory.institutions();
    }

    @GetMapping("/api/specialties")
    List<Specialty> specialties() {
        return directory.specialties();
    }
}
