package hk.carerelay.referral;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.access.AccessPolicy;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.SharingConsents;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.organisation.Directory;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * The coordinator's worklists over the referrals their institution receives (within {@link ReferralScope}), with
 * counts, saved filters and bulk claim. Coordinators use them; managers may read them. Filters are validated before
 * any query runs; reads of a list are audited as the referral list is; claims go through the one task path.
 */
@Service
public class Worklists {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_CLAIM = 100;
    static final int MAX_TEXT = 100;
    static final int MAX_FILTERS_PER_USER = 50;
    private static final Set<Role> READERS = Set.of(Role.COORDINATOR, Role.MANAGER);

    private final WorklistRepository repository;
    private final SharingConsents consents;
    private final WorkflowTasks tasks;
    private final AccessPolicy policy;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    Worklists(WorklistRepository repository, WorkflowTasks tasks, AccessPolicy policy, Directory directory,
            AuditLog audit, Clock clock, SharingConsents consents) {
        this.consents = consents;
        this.repository = repository;
        this.tasks = tasks;
        this.policy = policy;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    public record Page(Worklist list, List<WorklistRow> items, int page, int size, long total) {
    }

    /** The outcome of claiming one task: CLAIMED, or FAILED with the status and reason the single claim gives. */
    public record ClaimResult(String taskId, String outcome, int status, String message) {

        public boolean claimed() {
            return "CLAIMED".equals(outcome);
        }
    }

    /** Checks the raw query parameters and makes a filter of them; every bad one is named (400), nothing is queried. */
    public WorklistFilter filter(String scope, String specialty, String urgency, String text) {
        List<FieldError> errors = new ArrayList<>();
        WorklistScope parsedScope = WorklistScope.ORGANISATION;
        if (scope != null && !scope.isBlank()) {
            parsedScope = WorklistScope.byPath(scope.strip()).orElse(null);
            if (parsedScope == null) {
                errors.add(new FieldError("scope", "must be me or organisation"));
            }
        }
        String parsedSpecialty = null;
        if (specialty != null && !specialty.isBlank()) {
            parsedSpecialty = specialty.strip();
            if (directory.specialty(parsedSpecialty).isEmpty()) {
                errors.add(new FieldError("specialty", "is not a known specialty code"));
            }
        }
        Urgency parsedUrgency = null;
        if (urgency != null && !urgency.isBlank()) {
            try {
                parsedUrgency = Urgency.valueOf(urgency.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("urgency", "must be ROUTINE or URGENT"));
            }
        }
        String parsedText = null;
        if (text != null && !text.isBlank()) {
            parsedText = text.strip();
            if (parsedText.length() > MAX_TEXT) {
                errors.add(new FieldError("q", "must be at most " + MAX_TEXT + " characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new WorklistFilter(parsedScope, parsedSpecialty, parsedUrgency, parsedText);
    }

    /** The list named in a URL or a saved filter; an unknown name is a 400 that lists the known ones. */
    public static Worklist list(String path) {
        return Worklist.byPath(path == null ? "" : path.strip()).orElseThrow(() -> ValidationException.of("list",
                "is not a worklist; the worklists are " + java.util.Arrays.stream(Worklist.values())
                        .map(Worklist::path).toList()));
    }

    /** How many referrals each list holds for the user under the filter (no patient data, so not audited). */
    @Transactional(readOnly = true)
    public Map<Worklist, Long> counts(CareRelayUser user, WorklistFilter filter) {
        requireReader(user, filter);
        return repository.counts(ReferralScope.of(user), user.institution(), filter, user.username(), clock.instant());
    }

    /** One page of a list, soonest due first; the patient's name only where the policy lets the user read it. */
    @Transactional
    public Page page(CareRelayUser user, Worklist list, WorklistFilter filter, int page, int size) {
        requireReader(user, filter);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ValidationException.of(page < 0 ? "page" : "size",
                    page < 0 ? "must be 0 or more" : "must be between 1 and " + MAX_PAGE_SIZE);
        }
        ReferralScope scope = ReferralScope.of(user);
        var now = clock.instant();
        List<WorklistRow> found = repository.page(list, scope, user.institution(), filter, user.username(), now, page,
                size);
        // one consent question for the page, as the referral list and the task list ask it
        Set<String> granted = found.isEmpty() ? Set.of() : consents.sharingGranted(found.stream()
                .map(r -> new SharingConsents.SharedRecord(r.referralId(), r.patientId(), user.institution()))
                .toList());
        List<WorklistRow> rows = found.stream()
                .map(row -> disclosed(user, row.withAwaitingConsent(
                        ReferralService.awaitsConsent(row.status(), granted.contains(row.referralId())))))
                .toList();
        audit.record(user, AuditAction.SEARCH, "worklist " + list.path() + " scope=" + filter.scope().path()
                + (filter.specialty() == null ? "" : " specialty=" + filter.specialty())
                + (filter.urgency() == null ? "" : " urgency=" + filter.urgency())
                + (filter.text() == null ? "" : " text") + " page=" + page + " returned=" + rows.size());
        long total = page == 0 && rows.size() < size ? rows.size()
                : repository.count(list, scope, user.institution(), filter, user.username(), now);
        return new Page(list, rows, page, size, total);
    }

    /** How many referrals one list holds (for a lazily paged grid; not audited, the pages are). */
    @Transactional(readOnly = true)
    public long count(CareRelayUser user, Worklist list, WorklistFilter filter) {
        requireReader(user, filter);
        return repository.count(list, ReferralScope.of(user), user.institution(), filter, user.username(),
                clock.instant());
    }

    /**
     * Claims each task through the one task path, each in its own transaction: every claim is authorised and
     * audited there, and a refused one (claimed by someone else, gone, out of scope) is reported while the others
     * stand. Coordinators only.
     */
    public List<ClaimResult> claim(CareRelayUser user, List<String> taskIds) {
        if (user == null || user.role() != Role.COORDINATOR) {
            throw new ForbiddenException("Only coordinators claim worklist tasks.");
        }
        if (taskIds == null || taskIds.isEmpty()) {
            throw ValidationException.of("taskIds", "name at least one task");
        }
        if (taskIds.size() > MAX_CLAIM) {
            throw ValidationException.of("taskIds", "at most " + MAX_CLAIM + " tasks at a time");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < taskIds.size(); i++) {
            String id = taskIds.get(i);
            if (id == null || id.isBlank() || id.length() > 64) {
                errors.add(new FieldError("taskIds[" + i + "]", "is not a task id"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<ClaimResult> results = new ArrayList<>();
        for (String id : new LinkedHashSet<>(taskIds)) {
            try {
                tasks.claim(user, id);
                results.add(new ClaimResult(id, "CLAIMED", 200, null));
            } catch (ConflictException e) {
                results.add(new ClaimResult(id, "FAILED", 409, e.getMessage()));
            } catch (NotFoundException e) {
                results.add(new ClaimResult(id, "FAILED", 404, e.getMessage()));
            } catch (ForbiddenException e) {
                results.add(new ClaimResult(id, "FAILED", 403, e.getMessage()));
            }
        }
        return results;
    }

    // ---- saved filters ----

    @Transactional(readOnly = true)
    public List<SavedWorklistFilter> filters(CareRelayUser user) {
        requireReader(user, null);
        return repository.filters(user.username());
    }

    @Transactional
    public SavedWorklistFilter saveFilter(CareRelayUser user, String name, String list, WorklistFilter filter) {
        requireReader(user, filter);
        List<FieldError> errors = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (cleanName.length() > 100) {
            errors.add(new FieldError("name", "must be at most 100 characters"));
        } else if (repository.filterNameTaken(user.username(), cleanName)) {
            errors.add(new FieldError("name", "you already have a filter of this name"));
        }
        Worklist worklist = null;
        try {
            worklist = list(list);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (repository.filterCount(user.username()) >= MAX_FILTERS_PER_USER) {
            throw new ConflictException("You have " + MAX_FILTERS_PER_USER + " saved filters; delete one first.");
        }
        SavedWorklistFilter saved = new SavedWorklistFilter(UUID.randomUUID().toString(), user.username(), cleanName,
                worklist, filter, clock.instant());
        repository.insertFilter(saved);
        return saved;
    }

    /** Deletes one of the user's own filters; anyone else's, like a missing one, answers 404. */
    @Transactional
    public void deleteFilter(CareRelayUser user, String id) {
        requireReader(user, null);
        if (!repository.deleteFilter(user.username(), id)) {
            throw new NotFoundException("No saved filter " + id + ".");
        }
    }

    private void requireReader(CareRelayUser user, WorklistFilter filter) {
        if (user == null || !READERS.contains(user.role())) {
            throw new ForbiddenException("Worklists are for coordinators and managers.");
        }
        if (filter != null && filter.text() != null && !policy.access(user,
                ReferralRelationships.basic(user, null, user.institution(), null), RecordSection.DEMOGRAPHICS)
                .allowsRead()) {
            throw ValidationException.of("q", "searching by patient is not open to your role");
        }
    }

    private WorklistRow disclosed(CareRelayUser user, WorklistRow row) {
        boolean demographics = policy.access(user, ReferralRelationships.basic(user, row.sendingInstitution(),
                user.institution(), row.specialty()), RecordSection.DEMOGRAPHICS).allowsRead();
        return demographics ? row : row.withPatientName(null);
    }
}
