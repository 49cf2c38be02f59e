package hk.carerelay.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.access.AccessPolicy;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.access.SharingConsents;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditEntry;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.form.FormCatalog;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientInput;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.referral.ReferralEvents.ReferralStatusChanged;
import hk.carerelay.referral.ReferralEvents.ReferralSubmitted;
import hk.carerelay.referral.ReferralEvents.TriageSlaBreached;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.ProcessTimeline;
import hk.carerelay.workflow.TaskSubmission;
import hk.carerelay.workflow.TaskSubmissions;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.TimelineEntry;
import hk.carerelay.workflow.EngineAuthorizations;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Referrals for users (submit, list, read, ask to cancel) and for the referral process's delegates (status changes,
 * SLA, appointment). Reads for users are scoped and audited.
 */
@Service
public class ReferralService {

    private final ReferralRepository referrals;
    private final PatientRegistry patients;
    private final Directory directory;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final TaskSubmissions submissions;
    private final WorkflowTasks tasks;
    private final ProcessTimeline timeline;
    private final AccessPolicy policy;
    private final EmergencyAccess emergencyAccess;
    private final EngineAuthorizations engineAuthorizations;
    private final ReferralRelationships relationships;
    private final FormCatalog forms;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ReferralProperties properties;
    private final SharingConsents consents;
    private final Clock clock;

    ReferralService(ReferralRepository referrals, PatientRegistry patients, Directory directory,
            RuntimeService runtimeService, IdentityService identityService, TaskSubmissions submissions,
            WorkflowTasks tasks, ProcessTimeline timeline, AccessPolicy policy, ReferralRelationships relationships,
            FormCatalog forms, EmergencyAccess emergencyAccess, EngineAuthorizations engineAuthorizations, AuditLog audit, ApplicationEventPublisher events,
            ReferralProperties properties, SharingConsents consents, Clock clock) {
        this.consents = consents;
        this.policy = policy;
        this.emergencyAccess = emergencyAccess;
        this.engineAuthorizations = engineAuthorizations;
        this.relationships = relationships;
        this.forms = forms;
        this.referrals = referrals;
        this.patients = patients;
        this.directory = directory;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.submissions = submissions;
        this.tasks = tasks;
        this.timeline = timeline;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * How far the referral list counts its total: a count stops there ({@code totalIsLowerBound}), so the first page
     * costs the same whatever the number of referrals. 1,000 is fifty pages of twenty.
     */
    public static final int LIST_COUNT_LIMIT = 1000;

    /**
     * A page of the referral list. {@code total} is exact up to {@link #LIST_COUNT_LIMIT}; beyond it {@code total} is
     * that limit and {@code totalIsLowerBound} is true: there are more than {@code total}. {@code awaitingConsent}: the
     * ids of the open referrals on the page that no consent of the patient covers now (not yet given, or withdrawn or
     * expired since): not shared with the receiving side until the sender records one.
     */
    public record Page(List<Referral> items, int page, int size, long total, boolean totalIsLowerBound,
            Set<String> awaitingConsent) {
    }

    /** Sends a referral: validates it, registers the patient if new, stores it and starts its process, all or nothing. */
    @Transactional
    public Referral submit(CareRelayUser user, ReferralRequest request) {
        if (user.role() != Role.REFERRING_DOCTOR) {
            throw new ForbiddenException("Only referring doctors can send referrals.");
        }
        Valid valid = validate(request);
        Instant now = clock.instant();
        String patientId = patients.findOrRegister(valid.hkid(), valid.patientName(), valid.dateOfBirth());
        // a consent being recorded for the patient waits for this referral, and then finds it (and vice versa)
        patients.lock(patientId);
        Referral referral = new Referral(UUID.randomUUID().toString(), patientId, valid.hkid().value(),
                valid.patientName(), valid.dateOfBirth(), user.institution(), user.username(),
                valid.receivingInstitution(), valid.specialty(), valid.urgency(), valid.reason(),
                valid.clinicalSummary(), ReferralStatus.RECEIVED, null, null, null, null, null, now, now);
        referrals.insert(referral);

        engineAuthorizations.allowStart(CareRelayUser.group(user.institution(), user.role()),
                ReferralVariables.PROCESS_KEY);
        identityService.setAuthentication(user.username(), user.engineGroups());
        ProcessInstance instance;
        try {
            instance = runtimeService.createProcessInstanceByKey(ReferralVariables.PROCESS_KEY)
                    .businessKey(referral.id())
                    .setVariable(ReferralVariables.URGENCY, referral.urgency().name())
                    .setVariable(ReferralVariables.SPECIALTY, referral.specialty())
                    .setVariable(ReferralVariables.RECEIVING_INSTITUTION, referral.receivingInstitution())
                    .setVariable(ReferralVariables.SENDING_INSTITUTION, referral.sendingInstitution())
                    .setVariable(ReferralVariables.REFERRING_DOCTOR, referral.sendingUser())
                    .execute();
        } finally {
            identityService.clearAuthentication();
        }
        referrals.setProcessInstance(referral.id(), instance.getId());
        engineAuthorizations.shareNewInstance(instance.getId(),
                ReferralScope.engineGroups(referral.sendingInstitution(), referral.receivingInstitution(),
                        referral.specialty()),
                List.of(CareRelayUser.group(referral.sendingInstitution(), Role.REFERRING_DOCTOR)));
        audit.write(user, AuditLog.Event.of(AuditAction.CREATE).on("Referral", referral.id()).referral(referral.id())
                .patient(patientId).processInstance(instance.getId()));
        events.publishEvent(new ReferralSubmitted(referral.id(), referral.sendingUser(), referral.sendingInstitution(),
                referral.receivingInstitution(), referral.specialty(), referral.urgency()));
        return referrals.find(referral.id()).orElseThrow();
    }

    /** One page of the referrals the user may see, newest first; the search itself is audited. */
    @Transactional
    public Page list(CareRelayUser user, ReferralStatus status, int page, int size) {
        ReferralScope scope = ReferralScope.of(user);
        List<Referral> found = referrals.page(scope, status, page, size);
        Map<String, Set<Relationship>> standing = new HashMap<>();
        found.forEach(r -> standing.put(r.id(), ReferralRelationships.basic(user, r.sendingInstitution(),
                r.receivingInstitution(), r.specialty())));
        // one consent question for the page: for the policy (the receiving side) and to show what waits for consent
        Set<String> granted = found.isEmpty() ? Set.of()
                : consents.sharingGranted(found.stream().map(ReferralService::shared).toList());
        Map<String, Set<Relationship>> forPolicy = forPolicy(found, standing, granted);
        Set<String> awaitingConsent = awaitingConsent(found, granted);
        List<Referral> items = found.stream()
                .map(r -> r.disclosedTo(policy.readable(user, forPolicy.get(r.id()))))
                .toList();
        audit.record(user, AuditAction.SEARCH, "referrals status=" + (status == null ? "any" : status)
                + " page=" + page + " returned=" + items.size());
        ReferralRepository.Count total = referrals.countUpTo(scope, status, LIST_COUNT_LIMIT);
        return new Page(items, page, size, total.total(), total.lowerBound(), awaitingConsent);
    }

    /** How many referrals there are in each status, across all institutions: for operations metrics, not for users. */
    @Transactional(readOnly = true)
    public Map<ReferralStatus, Long> countsByStatus() {
        return referrals.countsByStatus();
    }

    /**
     * How many referrals the user may see, optionally of one status, exactly (no patient data, so not audited). It
     * reads every one of them: the list's pages count only up to {@link #LIST_COUNT_LIMIT}.
     */
    @Transactional(readOnly = true)
    public long count(CareRelayUser user, ReferralStatus status) {
        return referrals.count(ReferralScope.of(user), status);
    }

    /**
     * The referral, if the user may see it: in scope, or under the user's unexpired emergency-access grant (404
     * otherwise). The read is audited, under a grant as emergency access.
     */
    private Opened open(CareRelayUser user, String id) {
        Optional<Referral> referral = referrals.findVisible(id, ReferralScope.of(user));
        if (referral.isPresent()) {
            audit.referral(user, AuditAction.VIEW, id, referral.get().patientId(), null);
            return new Opened(referral.get(), null);
        }
        Optional<EmergencyGrant> grant = emergencyAccess.active(user, id);
        Optional<Referral> underGrant = grant.flatMap(g -> referrals.find(id));
        if (underGrant.isPresent()) {
            audit.write(user, AuditLog.Event.of(AuditAction.BREAK_GLASS).on("Referral", id).referral(id)
                    .patient(underGrant.get().patientId())
                    .detail("viewed under emergency access grant " + grant.get().id()));
            return new Opened(underGrant.get(), grant.get());
        }
        audit.write(user, AuditLog.Event.of(AuditAction.ACCESS_DENIED).outcome("DENIED").on("Referral", id)
                .referral(id).detail("not found or outside the user's scope"));
        throw new NotFoundException("No referral " + id + ".");
    }

    private record Opened(Referral referral, EmergencyGrant grant) {
    }

    /**
     * How the user stands for the access policy's question: as on the record, except that the receiving side of a
     * referral no granted consent covers stands as {@link Relationship#AWAITING_CONSENT} (ADR 0019).
     */
    private Set<Relationship> forPolicy(Referral referral, Set<Relationship> standing) {
        return AccessPolicy.needsSharingConsent(standing) ? forPolicy(standing, consents.sharingGranted(referral.id()))
                : standing;
    }

    /** As above, with whether a consent covers the referral already known. */
    private static Set<Relationship> forPolicy(Set<Relationship> standing, boolean granted) {
        return AccessPolicy.needsSharingConsent(standing) && !granted ? AccessPolicy.withoutSharingConsent(standing)
                : standing;
    }

    /** {@link #forPolicy(Referral, Set)} for a list: one consent query however many referrals. */
    private Map<String, Set<Relationship>> forPolicy(Collection<Referral> list, Map<String, Set<Relationship>> standing) {
        List<SharingConsents.SharedRecord> asked = list.stream()
                .filter(r -> AccessPolicy.needsSharingConsent(standing.get(r.id()))).map(ReferralService::shared)
                .toList();
        return forPolicy(list, standing, asked.isEmpty() ? Set.of() : consents.sharingGranted(asked));
    }

    /** As above, with the referrals a consent covers already known (at least those the policy needs it for). */
    private static Map<String, Set<Relationship>> forPolicy(Collection<Referral> list,
            Map<String, Set<Relationship>> standing, Set<String> granted) {
        Map<String, Set<Relationship>> result = new HashMap<>();
        for (Referral r : list) {
            result.put(r.id(), forPolicy(standing.get(r.id()), granted.contains(r.id())));
        }
        return result;
    }

    /**
     * Of these referrals, the ids of those waiting for the patient's consent: open, and not among those a consent
     * covers now ({@code granted}, from {@link SharingConsents#sharingGranted(java.util.Collection)}).
     */
    static Set<String> awaitingConsent(Collection<Referral> found, Set<String> granted) {
        return found.stream().filter(r -> awaitsConsent(r.status(), granted.contains(r.id())))
                .map(Referral::id).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a referral in this status waits for the patient's consent: open, and no consent covers it now. */
    static boolean awaitsConsent(ReferralStatus status, boolean covered) {
        return !status.isTerminal() && !covered;
    }

    static SharingConsents.SharedRecord shared(Referral r) {
        return new SharingConsents.SharedRecord(r.id(), r.patientId(), r.receivingInstitution());
    }

    /** How the user stands to the opened referral: under a grant only as emergency access, else as a participant. */
    private Set<Relationship> standing(CareRelayUser user, Opened opened) {
        Referral r = opened.referral();
        return opened.grant() != null ? EnumSet.of(Relationship.EMERGENCY_ACCESS)
                : relationships.of(user, r.sendingInstitution(), r.receivingInstitution(), r.specialty(),
                        r.processInstanceId());
    }

    /**
     * For features attached to a referral (documents): the whole referral, how the user stands to it and their access
     * to one section. Empty outside scope (the caller answers 404 and audits the refusal); not audited itself, as the
     * caller audits what it then shows.
     */
    @Transactional(readOnly = true)
    public Optional<SectionAccess> sectionAccess(CareRelayUser user, String referralId, RecordSection section) {
        Optional<Referral> referral = referrals.findVisible(referralId, ReferralScope.of(user));
        EmergencyGrant grant = null;
        if (referral.isEmpty()) {
            grant = emergencyAccess.active(user, referralId).orElse(null);
            referral = grant == null ? Optional.empty() : referrals.find(referralId);
        }
        if (referral.isEmpty()) {
            return Optional.empty();
        }
        Set<Relationship> standing = standing(user, new Opened(referral.get(), grant));
        Set<Relationship> judged = forPolicy(referral.get(), standing);
        return Optional.of(new SectionAccess(referral.get(), standing, judged, policy.access(user, judged, section)));
    }

    /**
     * A user's access to a referral: {@code standing} is how they stand to the record, {@code forPolicy} how the
     * access policy judges them (the receiving side stands as {@link Relationship#AWAITING_CONSENT} while no consent
     * covers the referral), {@code access} what that gives them to the section asked about.
     */
    public record SectionAccess(Referral referral, Set<Relationship> standing, Set<Relationship> forPolicy,
            hk.carerelay.access.Access access) {
    }

    /**
     * {@link #sectionAccess(CareRelayUser, String, RecordSection)} for many referrals at once, for lists: a fixed
     * number of queries however many referrals are asked about. Referrals outside scope are left out.
     */
    @Transactional(readOnly = true)
    public Map<String, SectionAccess> sectionAccess(CareRelayUser user, Collection<String> referralIds,
            RecordSection section) {
        Set<String> ids = new java.util.LinkedHashSet<>(referralIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Referral> visible = new HashMap<>();
        referrals.findVisible(ids, ReferralScope.of(user)).forEach(r -> visible.put(r.id(), r));
        Set<String> outside = new java.util.HashSet<>(ids);
        outside.removeAll(visible.keySet());
        Map<String, EmergencyGrant> grants = emergencyAccess.active(user, outside);
        Map<String, Referral> granted = new HashMap<>();
        referrals.findAll(grants.keySet()).forEach(r -> granted.put(r.id(), r));
        Set<String> careTeam = relationships.careTeamInstances(user, visible.values().stream()
                .filter(r -> !ReferralRelationships.basic(user, r.sendingInstitution(), r.receivingInstitution(),
                        r.specialty()).isEmpty())
                .map(Referral::processInstanceId).toList());
        Map<String, SectionAccess> access = new HashMap<>();
        Map<String, Set<Relationship>> standings = new HashMap<>();
        visible.forEach((id, r) -> {
            Set<Relationship> standing = ReferralRelationships.basic(user, r.sendingInstitution(),
                    r.receivingInstitution(), r.specialty());
            if (!standing.isEmpty() && careTeam.contains(r.processInstanceId())) {
                standing.add(Relationship.CARE_TEAM);
            }
            standings.put(id, standing);
        });
        Map<String, Set<Relationship>> forPolicy = forPolicy(visible.values(), standings);
        visible.forEach((id, r) -> access.put(id, new SectionAccess(r, standings.get(id), forPolicy.get(id),
                policy.access(user, forPolicy.get(id), section))));
        granted.forEach((id, r) -> {
            Set<Relationship> standing = EnumSet.of(Relationship.EMERGENCY_ACCESS);
            access.put(id, new SectionAccess(r, standing, standing, policy.access(user, standing, section)));
        });
        return access;
    }

    /** The referral as the user may see it (sections the policy withholds left out); 404 outside scope; audited. */
    @Transactional
    public Referral get(CareRelayUser user, String id) {
        Opened opened = open(user, id);
        Referral full = opened.referral();
        Set<Relationship> standing = standing(user, opened);
        return full.disclosedTo(policy.readable(user, forPolicy(full, standing)));
    }

    /**
     * Audit entries that belong on the referral's timeline beside the engine's history: who looked at it, who was
     * refused. Task claims and completions are left out, as the engine's history already shows them.
     */
    private static final Map<AuditAction, String> TIMELINE_ACTIONS = Map.of(
            AuditAction.VIEW, "Viewed the referral",
            AuditAction.DOWNLOAD, "Downloaded a document",
            AuditAction.EXPORT, "Exported",
            AuditAction.ACCESS_DENIED, "Access refused",
            AuditAction.BREAK_GLASS, "Emergency access",
            AuditAction.CANCELLATION_REQUEST, "Asked to cancel");

    /**
     * What a participant sees of a referral: the letter, submitted forms, open tasks and the timeline, with the
     * sections the access policy withholds from this user left out and named.
     */
    public record Details(Referral referral, List<TaskSubmission> submissions, List<TaskView> openTasks,
            List<TimelineEntry> timeline, List<RecordSection> withheld, EmergencyGrant emergencyAccess,
            boolean awaitingConsent) {
    }

    @Transactional
    public Details details(CareRelayUser user, String id) {
        Opened opened = open(user, id);
        Referral full = opened.referral();
        Set<Relationship> standing = standing(user, opened);
        // one consent question: for the policy (the receiving side) and to show whether the referral waits for consent
        boolean granted = consents.sharingGranted(id);
        Set<RecordSection> readable = policy.readable(user, forPolicy(standing, granted));
        Set<RecordSection> withheld = EnumSet.noneOf(RecordSection.class);
        full.sectionsPresent().stream().filter(section -> !readable.contains(section)).forEach(withheld::add);
        Referral referral = full.disclosedTo(readable);
        List<TaskSubmission> disclosed = new ArrayList<>();
        for (TaskSubmission submission : submissions.forCase(id)) {
            Optional<FormDefinition> form = forms.byId(submission.formId());
            String section = form.map(f -> f.properties().get("section")).orElse(null);
            if (section != null && !readable.contains(RecordSection.valueOf(section))) {
                withheld.add(RecordSection.valueOf(section));
                withheld.addAll(fieldSections(submission, form));
                continue;
            }
            disclosed.add(withoutFieldsFor(submission, form, standing, readable, withheld));
        }
        List<TimelineEntry> merged = new ArrayList<>(referral.processInstanceId() == null ? List.of()
                : this.timeline.of(referral.processInstanceId()));
        for (AuditEntry entry : audit.forReferral(id)) {
            String event = TIMELINE_ACTIONS.get(entry.action());
            if (event != null) {
                merged.add(new TimelineEntry(entry.occurredAt(), entry.username() == null ? "unknown" : entry.username(),
                        event + (entry.recordSection() == null ? "" : " (" + entry.recordSection() + ")"), null,
                        "audit:" + entry.action()));
            }
        }
        merged.sort(Comparator.comparing(TimelineEntry::at));
        return new Details(referral, disclosed, opened.grant() != null ? List.of() : tasks.openTasksOfCase(user, id),
                merged, withheld.stream().sorted().toList(), opened.grant(), awaitsConsent(full.status(), granted));
    }

    /** The sections of the fields this submission holds a value for (a diagnosis field is DIAGNOSES). */
    private static Set<RecordSection> fieldSections(TaskSubmission submission, Optional<FormDefinition> form) {
        Set<RecordSection> sections = EnumSet.noneOf(RecordSection.class);
        form.ifPresent(f -> f.fields().stream()
                .filter(field -> field.properties().get("section") != null && submission.values().get(field.key()) != null)
                .forEach(field -> sections.add(RecordSection.valueOf(field.properties().get("section")))));
        return sections;
    }

    /**
     * Leaves out fields of a section the user may not read (naming the section as withheld) and fields meant for the
     * receiving side only (the internal triage note) for everyone else.
     */
    private static TaskSubmission withoutFieldsFor(TaskSubmission submission, Optional<FormDefinition> form,
            Set<Relationship> relationships, Set<RecordSection> readable, Set<RecordSection> withheld) {
        if (form.isEmpty()) {
            return submission;
        }
        Map<String, Object> values = new java.util.LinkedHashMap<>(submission.values());
        for (var field : form.get().fields()) {
            String section = field.properties().get("section");
            if (section != null && !readable.contains(RecordSection.valueOf(section))) {
                if (values.remove(field.key()) != null) {
                    withheld.add(RecordSection.valueOf(section));
                }
            } else if ("RECEIVING".equals(field.properties().get("audience"))
                    && !relationships.contains(Relationship.RECEIVING)) {
                values.remove(field.key());
            }
        }
        return new TaskSubmission(submission.id(), submission.caseId(), submission.taskId(), submission.taskKey(),
                submission.formId(), values, submission.submittedBy(), submission.submittedAt());
    }

    /** The sending side asks to cancel; the receiving side confirms or rejects in Task_ConfirmCancellation. */
    @Transactional
    public Referral requestCancellation(CareRelayUser user, String id, String reason) {
        Referral referral = referrals.findVisible(id, ReferralScope.of(user))
                .orElseThrow(() -> new NotFoundException("No referral " + id + "."));
        if (user.role() != Role.REFERRING_DOCTOR || !user.institution().equals(referral.sendingInstitution())) {
            audit.denied(user, "Referral", id, "cancellation requested by someone other than the sender");
            throw new ForbiddenException("Only the referring side can ask to cancel a referral.");
        }
        if (reason == null || reason.isBlank()) {
            throw ValidationException.of("reason", "is required");
        }
        if (reason.length() > 2000) {
            throw ValidationException.of("reason", "must be at most 2000 characters");
        }
        if (!referrals.requestCancellation(id, reason.strip(), user.username(), clock.instant())) {
            throw new ConflictException(referral.status() == ReferralStatus.CANCELLATION_REQUESTED
                    ? "Cancellation has already been requested." : "This referral has ended and cannot be cancelled.");
        }
        identityService.setAuthentication(user.username(), user.engineGroups());
        try {
            runtimeService.createMessageCorrelation(ReferralVariables.MESSAGE_CANCELLATION_REQUESTED)
                    .processInstanceBusinessKey(id).correlate();
        } finally {
            identityService.clearAuthentication();
        }
        audit.referral(user, AuditAction.CANCELLATION_REQUEST, id, referral.patientId(), null);
        return referrals.find(id).orElseThrow();
    }

    /**
     * For the consent feature, which acts for the process rather than for a user: the referrals of the patient to the
     * institution that have not ended, whose sharing a standing consent changes.
     */
    @Transactional(readOnly = true)
    public List<String> openReferralIds(String patientId, String receivingInstitution) {
        return referrals.openIds(patientId, receivingInstitution);
    }

    /** For the consent feature: the referral regardless of scope (whether it has ended, who it is between). */
    @Transactional(readOnly = true)
    public Optional<Referral> findForProcess(String referralId) {
        return referrals.find(referralId);
    }

    /**
     * For the consent feature, after a consent covering this referral was granted, withdrawn or expired: a referral
     * now covered goes on from the sharing step (or resumes); one no longer covered pauses there, with a task for the
     * sender to re-obtain consent or cancel, unless it already waits for consent.
     */
    @Transactional
    public void sharingConsentChanged(String referralId) {
        Referral referral = referrals.find(referralId).orElse(null);
        if (referral == null || referral.status().isTerminal()) {
            return;
        }
        if (consents.sharingGranted(shared(referral))) {
            runtimeService.createMessageCorrelation(ReferralVariables.MESSAGE_SHARING_CONSENT_GRANTED)
                    .processInstanceBusinessKey(referralId).correlateAll();
            return;
        }
        boolean waiting = runtimeService.createExecutionQuery().processInstanceBusinessKey(referralId)
                .activityId(ReferralVariables.TASK_OBTAIN_CONSENT).count()
                + runtimeService.createExecutionQuery().processInstanceBusinessKey(referralId)
                        .activityId(ReferralVariables.TASK_REOBTAIN_CONSENT).count() > 0;
        if (!waiting) {
            runtimeService.createMessageCorrelation(ReferralVariables.MESSAGE_SHARING_CONSENT_LOST)
                    .processInstanceBusinessKey(referralId).correlateAll();
        }
    }

    /** Whether a granted consent covers the referral now (the referral process's sharing step). */
    boolean sharingConsented(String referralId) {
        return consents.sharingGranted(referralId);
    }

    // ---- steps of the referral process (called by its delegates) ----

    /**
     * Computes and records the triage due time from the referral's urgency, which the process carries as a variable
     * from the submission (it never changes), so the referral is not read for it; the SLA timer fires at it.
     */
    Instant startTriageClock(String referralId, Urgency urgency) {
        Instant now = clock.instant();
        Instant due = now.plus(properties.triageSla().of(urgency));
        if (!referrals.setTriageDue(referralId, due, now)) {
            throw new IllegalStateException("Referral " + referralId + " does not exist");
        }
        return due;
    }

    /**
     * Records the triage decision; a decline keeps its coded reason (the form requires it, so a decline without one
     * is a fault of the caller, not of the user).
     */
    void recordTriageDecision(String referralId, String decision, String declineReasonCode) {
        if ("DECLINE".equals(decision)) {
            DeclineReason reason;
            try {
                reason = DeclineReason.valueOf(String.valueOf(declineReasonCode));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("A decline of referral " + referralId + " needs a reason code, not "
                        + declineReasonCode, e);
            }
            referrals.setDeclineReason(referralId, reason);
        }
        ReferralStatus next = switch (decision) {
            case "ACCEPT" -> ReferralStatus.ACCEPTED;
            case "DECLINE" -> ReferralStatus.DECLINED;
            case "REQUEST_INFO" -> ReferralStatus.INFO_REQUESTED;
            case "RETURN_WITH_ADVICE" -> ReferralStatus.COMPLETED;
            default -> throw new IllegalArgumentException("Unknown triage decision " + decision);
        };
        transition(referralId, next);
    }

    void recordAdditionalInformation(String referralId) {
        transition(referralId, ReferralStatus.RECEIVED);
    }

    /** Takes the appointment from the latest scheduling form into the referral; returns it for the consultation's due date. */
    Instant recordAppointment(String referralId) {
        TaskSubmission form = submissions.latest(referralId, ReferralVariables.TASK_SCHEDULE)
                .orElseThrow(() -> new IllegalStateException("No appointment was recorded for referral " + referralId));
        Instant appointmentAt = appointmentInstant(String.valueOf(form.values().get("appointmentAt")));
        referrals.setAppointment(referralId, appointmentAt, clock.instant());
        transition(referralId, ReferralStatus.SCHEDULED);
        return appointmentAt;
    }

    void returnOutcome(String referralId) {
        transition(referralId, ReferralStatus.REPORT_SENT);
    }

    void close(String referralId) {
        transition(referralId, ReferralStatus.COMPLETED);
    }

    void recordCancellationRequest(String referralId) {
        Referral referral = require(referralId);
        referrals.rememberStatusBeforeCancellation(referralId, referral.status());
        transition(referralId, ReferralStatus.CANCELLATION_REQUESTED);
    }

    void resume(String referralId) {
        Referral referral = require(referralId);
        transition(referralId, referral.statusBeforeCancellation() != null ? referral.statusBeforeCancellation()
                : ReferralStatus.RECEIVED);
    }

    void cancel(String referralId) {
        transition(referralId, ReferralStatus.CANCELLED);
    }

    void triageSlaBreached(String referralId) {
        Referral referral = require(referralId);
        referrals.markTriageBreached(referralId, clock.instant());
        events.publishEvent(new TriageSlaBreached(referralId, referral.receivingInstitution(), referral.urgency()));
    }

    private void transition(String referralId, ReferralStatus next) {
        ReferralRepository.Routing routing = referrals.routing(referralId)
                .orElseThrow(() -> new IllegalStateException("Referral " + referralId + " does not exist"));
        referrals.setStatus(referralId, routing.status(), next, clock.instant());
        events.publishEvent(new ReferralStatusChanged(referralId, routing.status(), next, routing.sendingUser(),
                routing.sendingInstitution(), routing.receivingInstitution(), routing.specialty()));
    }

    private Referral require(String referralId) {
        return referrals.find(referralId)
                .orElseThrow(() -> new IllegalStateException("Referral " + referralId + " does not exist"));
    }

    /** Appointment times are entered in Hong Kong time unless they carry an offset. */
    static Instant appointmentInstant(String value) {
        if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(value).toInstant();
        }
        return LocalDateTime.parse(value).atZone(HongKongTime.ZONE).toInstant();
    }

    private record Valid(Hkid hkid, String patientName, LocalDate dateOfBirth, String receivingInstitution,
            String specialty, Urgency urgency, String reason, String clinicalSummary) {
    }

    private Valid validate(ReferralRequest request) {
        if (request == null) {
            throw ValidationException.of("body", "send the referral as a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        Hkid hkid = null;
        String name = null;
        LocalDate dob = null;
        ReferralRequest.Patient patient = request.patient();
        if (patient == null) {
            errors.add(new FieldError("patient", "is required"));
        } else {
            PatientInput checked = PatientInput.check("patient", patient.hkid(), patient.name(),
                    patient.dateOfBirth(), LocalDate.now(clock.withZone(HongKongTime.ZONE)), errors);
            hkid = checked.hkid();
            name = checked.name();
            dob = checked.dateOfBirth();
        }
        String receiving = null;
        if (blank(request.receivingInstitution())) {
            errors.add(new FieldError("receivingInstitution", "is required"));
        } else {
            Optional<Institution> institution = directory.institution(request.receivingInstitution().strip());
            if (institution.isEmpty() || !institution.get().receivesReferrals()) {
                errors.add(new FieldError("receivingInstitution", "is not an institution that receives referrals"));
            } else {
                receiving = institution.get().code();
            }
        }
        String specialty = null;
        if (blank(request.specialty())) {
            errors.add(new FieldError("specialty", "is required"));
        } else if (directory.specialty(request.specialty().strip()).isEmpty()) {
            errors.add(new FieldError("specialty", "is not a known specialty code"));
        } else {
            specialty = request.specialty().strip();
        }
        Urgency urgency = null;
        if (blank(request.urgency())) {
            errors.add(new FieldError("urgency", "is required"));
        } else {
            try {
                urgency = Urgency.valueOf(request.urgency().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("urgency", "must be ROUTINE or URGENT"));
            }
        }
        String reason = text(errors, "reason", request.reason(), 2000);
        String summary = text(errors, "clinicalSummary", request.clinicalSummary(), 10000);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Valid(hkid, name, dob, receiving, specialty, urgency, reason, summary);
    }

    private static String text(List<FieldError> errors, String field, String value, int max) {
        if (blank(value)) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        return v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
