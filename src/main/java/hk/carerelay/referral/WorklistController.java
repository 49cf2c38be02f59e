package hk.carerelay.referral;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;

/**
 * The coordinator's worklists over HTTP: the lists with their counts, one list paged, bulk claim and saved filters.
 * Coordinators and managers read; only coordinators claim.
 */
@RestController
class WorklistController {

    private final Worklists worklists;

    WorklistController(Worklists worklists) {
        this.worklists = worklists;
    }

    record ListCount(String list, ReferralStatus status, long count) {
    }

    record Overview(String scope, List<ListCount> lists) {
    }

    /** {@code awaitingConsent}: as in the referral list; the receiving side's work on the referral waits. */
    record Item(String referralId, String patientName, String specialty, Urgency urgency, ReferralStatus status,
            boolean awaitingConsent, String sendingInstitution, Instant receivedAt, Instant triageDue,
            Instant appointmentAt, Instant due, boolean overdue, String taskId, String assignee) {
    }

    record PageBody(String list, String scope, List<Item> items, int page, int size, long total) {
    }

    record ClaimRequest(List<String> taskIds) {
    }

    record ClaimBody(int claimed, int failed, List<Worklists.ClaimResult> results) {
    }

    record FilterRequest(String name, String list, String scope, String specialty, String urgency, String q) {
    }

    record FilterBody(String id, String name, String list, String scope, String specialty, Urgency urgency, String q,
            Instant createdAt) {

        static FilterBody of(SavedWorklistFilter f) {
            return new FilterBody(f.id(), f.name(), f.list().path(), f.filter().scope().path(), f.filter().specialty(),
                    f.filter().urgency(), f.filter().text(), f.createdAt());
        }
    }

    @GetMapping("/api/worklists")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'MANAGER')")
    Overview overview(@RequestParam(required = false) String scope, @RequestParam(required = false) String specialty,
            @RequestParam(required = false) String urgency, @RequestParam(required = false) String q) {
        WorklistFilter filter = worklists.filter(scope, specialty, urgency, q);
        Map<Worklist, Long> counts = worklists.counts(CurrentUser.require(), filter);
        List<ListCount> lists = new ArrayList<>();
        counts.forEach((list, count) -> lists.add(new ListCount(list.path(), list.status(), count)));
        return new Overview(filter.scope().path(), lists);
    }

    @GetMapping("/api/worklists/{list}")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'MANAGER')")
    PageBody list(@PathVariable String list, @RequestParam(required = false) String scope,
            @RequestParam(required = false) String specialty, @RequestParam(required = false) String urgency,
            @RequestParam(required = false) String q, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        Worklist worklist = Worklists.list(list);
        WorklistFilter filter = worklists.filter(scope, specialty, urgency, q);
        int pageNumber = number("page", page, 0);
        int pageSize = number("size", size, 20);
        Worklists.Page result = worklists.page(CurrentUser.require(), worklist, filter, pageNumber, pageSize);
        Instant now = Instant.now();
        List<Item> items = result.items().stream().map(r -> new Item(r.referralId(), r.patientName(), r.specialty(),
                r.urgency(), r.status(), r.awaitingConsent(), r.sendingInstitution(), r.receivedAt(), r.triageDue(),
                r.appointmentAt(), r.due(), r.due() != null && r.due().isBefore(now), r.taskId(), r.assignee()))
                .toList();
        return new PageBody(worklist.path(), filter.scope().path(), items, result.page(), result.size(),
                result.total());
    }

    /** Claims several tasks; 200 with one result per task, claimed or not, so a partial failure is visible per item. */
    @PostMapping("/api/worklists/claim")
    @PreAuthorize("hasRole('COORDINATOR')")
    ClaimBody claim(@RequestBody(required = false) ClaimRequest body) {
        List<Worklists.ClaimResult> results = worklists.claim(CurrentUser.require(), body == null ? null : body.taskIds());
        int claimed = (int) results.stream().filter(Worklists.ClaimResult::claimed).count();
        return new ClaimBody(claimed, results.size() - claimed, results);
    }

    @GetMapping("/api/worklists/filters")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'MANAGER')")
    List<FilterBody> filters() {
        return worklists.filters(CurrentUser.require()).stream().map(FilterBody::of).toList();
    }

    @PostMapping("/api/worklists/filters")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'MANAGER')")
    ResponseEntity<FilterBody> saveFilter(@RequestBody(required = false) FilterRequest body) {
        if (body == null) {
            throw ValidationException.of("body", "send the filter as a JSON object");
        }
        WorklistFilter filter = worklists.filter(body.scope(), body.specialty(), body.urgency(), body.q());
        SavedWorklistFilter saved = worklists.saveFilter(CurrentUser.require(), body.name(), body.list(), filter);
        return ResponseEntity.created(URI.create("/api/worklists/filters/" + saved.id())).body(FilterBody.of(saved));
    }

    @DeleteMapping("/api/worklists/filters/{id}")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'MANAGER')")
    ResponseEntity<Void> deleteFilter(@PathVariable String id) {
        worklists.deleteFilter(CurrentUser.require(), id);
        return ResponseEntity.noContent().build();
    }

    private static int number(String field, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(List.of(new FieldError(field, "must be a whole number")));
        }
    }
}
