package hk.carerelay.discharge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import hk.carerelay.access.Access;
import hk.carerelay.access.AccessPolicy;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.document.BlobKind;
import hk.carerelay.document.DocumentStore;
import hk.carerelay.form.FormCatalog;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormValidator;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientInput;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.EngineAuthorizations;

/**
 * Discharge handovers: start one (summary validated against {@code discharge-summary.form}, sealed in the document
 * store, process started), read one or the list of one's own, and record a late result. Every read is authorised by the
 * access policy's DISCHARGE section and audited; outsiders get 404, a participant's colleague in the wrong role 403.
 */
@Service
public class DischargeHandovers {

    static final String SUMMARY_FORM = "discharge-summary";
    static final String MEDIA_TYPE = "application/json";
    static final int MAX_RESULT = 10_000;

    private final DischargeRepository repository;
    private final DocumentStore store;
    private final FormCatalog forms;
    private final PatientRegistry patients;
    private final UserDirectory users;
    private final ReferralService referrals;
    private final AccessPolicy policy;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final EngineAuthorizations engineAuthorizations;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    /** The referral service is lazy: it reaches the task path, whose case accesses include this feature's. */
    DischargeHandovers(DischargeRepository repository, DocumentStore store, FormCatalog forms, PatientRegistry patients,
            UserDirectory users, @Lazy ReferralService referrals, AccessPolicy policy, RuntimeService runtimeService,
            IdentityService identityService, EngineAuthorizations engineAuthorizations, AuditLog audit,
            ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.forms = forms;
        this.patients = patients;
        this.users = users;
        this.referrals = referrals;
        this.policy = policy;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.engineAuthorizations = engineAuthorizations;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** What a hospital doctor sends: the patient, the family doctor (optional with a referral) and the summary form. */
    public record StartRequest(Patient patient, String familyDoctor, String referralId, Map<String, Object> summary) {

        public record Patient(String hkid, String name, String dateOfBirth) {
        }
    }

    /** A follow-up item as its reader sees it. */
    public record FollowUpItem(String id, int itemNo, String action, LocalDate dueOn, LocalDate remindOn, String status) {
    }

    /** A pending result as its reader sees it; {@code result} is null until recorded. */
    public record ResultItem(String id, int itemNo, String test, String expectedBy, String status, String result,
            String recordedBy, Instant recordedAt) {
    }

    /** A handover with its decrypted summary, for its participants. */
    public record Details(DischargeHandover handover, Map<String, Object> summary, List<FollowUpItem> followUps,
            List<ResultItem> results, boolean mayRecordResults) {
    }

    /** What the sealed summary holds: the handover it belongs to, checked on reading, and the form's values. */
    record SealedSummary(String handoverId, String patientId, String author, Map<String, Object> values) {
    }

    record SealedResult(String handoverId, String pendingResultId, String recordedBy, String recordedAt, String text) {
    }

    public FormDefinition summaryForm() {
        return forms.byId(SUMMARY_FORM).orElseThrow(() -> new IllegalStateException("No form " + SUMMARY_FORM));
    }

    // ---- starting ----

    @Transactional
    public DischargeHandover start(CareRelayUser user, StartRequest request) {
        if (!isHospitalDoctor(user)) {
            audit.denied(user, "DischargeHandover", null, "handover started by someone other than a hospital doctor");
            throw new ForbiddenException("Only hospital doctors can start a discharge handover.");
        }
        if (request == null) {
            throw ValidationException.of("body", "send the patient, the family doctor and the summary");
        }
        List<FieldError> errors = new ArrayList<>();
        Hkid hkid = null;
        LocalDate dob = null;
        StartRequest.Patient patient = request.patient();
        if (patient == null) {
            errors.add(new FieldError("patient", "is required"));
        } else {
            PatientInput checked = PatientInput.check("patient", patient.hkid(), patient.name(), patient.dateOfBirth(),
                    today(), errors);
            hkid = checked.hkid();
            dob = checked.dateOfBirth();
        }
        Referral referral = null;
        if (!blank(request.referralId())) {
            try {
                referral = referrals.get(user, request.referralId().strip());
            } catch (NotFoundException e) {
                referral = null;
            }
            if (referral == null || !referral.receivingInstitution().equals(user.institution())) {
                errors.add(new FieldError("referralId", "is not a referral your institution received"));
                referral = null;
            } else if (hkid != null && !hkid.value().equals(referral.patientHkid())) {
                errors.add(new FieldError("referralId", "is a referral of another patient"));
            }
        }
        String familyDoctorName = blank(request.familyDoctor())
                ? (referral == null ? null : referral.sendingUser()) : request.familyDoctor().strip();
        CareRelayUser familyDoctor = null;
        if (familyDoctorName == null) {
            errors.add(new FieldError("familyDoctor", "is required (or name the referral the patient came by)"));
        } else {
            familyDoctor = users.find(familyDoctorName).filter(u -> u.role() == Role.REFERRING_DOCTOR).orElse(null);
            if (familyDoctor == null) {
                errors.add(new FieldError("familyDoctor", "is not a family doctor in CareRelay"));
            }
        }
        Map<String, Object> summary = Map.of();
        try {
            summary = FormValidator.validate(summaryForm(), request.summary());
        } catch (ValidationException e) {
            e.errors().forEach(err -> errors.add(new FieldError("summary." + err.field(), err.message())));
        }
        LocalDate dischargedOn = summary.get("dischargedOn") == null ? null
                : LocalDate.parse(summary.get("dischargedOn").toString());
        List<LocalDate> dues = new ArrayList<>();
        if (dischargedOn != null) {
            if (dischargedOn.isAfter(today().plusDays(1))) {
                errors.add(new FieldError("summary.dischargedOn", "cannot be in the future"));
            }
            List<Map<String, Object>> items = rows(summary, "followUpItems");
            for (int i = 0; i < items.size(); i++) {
                LocalDate due = due(items.get(i), dischargedOn);
                if (due.isBefore(dischargedOn)) {
                    errors.add(new FieldError("summary.followUpItems[" + i + "].dueOn", "cannot be before the discharge"));
                }
                dues.add(due);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = UUID.randomUUID().toString();
        String patientId = patients.findOrRegister(hkid, patient.name().strip(), dob);
        String documentId = store.store(BlobKind.DISCHARGE_SUMMARY, MEDIA_TYPE,
                write(new SealedSummary(id, patientId, user.username(), summary))).id().toString();
        DischargeHandover handover = new DischargeHandover(id, patientId, patient.name().strip(), user.institution(),
                user.username(), familyDoctor.institution(), familyDoctor.username(),
                referral == null ? null : referral.id(), documentId, dischargedOn, DischargeStatus.SENT, null, now, null);
        repository.insert(handover);
        for (int i = 0; i < dues.size(); i++) {
            LocalDate remind = dues.get(i).minusDays(DischargeVariables.REMINDER_DAYS);
            repository.insertFollowUp(new FollowUp(UUID.randomUUID().toString(), id, i, dues.get(i),
                    remind.isBefore(dischargedOn) ? dischargedOn : remind, "OPEN", null));
        }
        int pending = rows(summary, "pendingResults").size();
        for (int i = 0; i < pending; i++) {
            repository.insertPendingResult(new PendingResult(UUID.randomUUID().toString(), id, i, "PENDING", null, null,
                    null));
        }

        engineAuthorizations.allowStart(CareRelayUser.group(user.institution(), user.role()),
                DischargeVariables.PROCESS_KEY);
        identityService.setAuthentication(user.username(), user.engineGroups());
        ProcessInstance instance;
        try {
            instance = runtimeService.createProcessInstanceByKey(DischargeVariables.PROCESS_KEY).businessKey(id)
                    .setVariable(DischargeVariables.HANDOVER_ID, id)
                    .setVariable(DischargeVariables.HOSPITAL, handover.hospital())
                    .setVariable(DischargeVariables.CLINIC, handover.clinic())
                    .setVariable(DischargeVariables.FAMILY_DOCTOR, handover.familyDoctor())
                    .execute();
        } finally {
            identityService.clearAuthentication();
        }
        repository.setProcessInstance(id, instance.getId());
        engineAuthorizations.shareNewInstance(instance.getId(),
                List.of(CareRelayUser.group(handover.clinic(), Role.REFERRING_DOCTOR)),
                hospitalGroups(handover.hospital()));
        audit.write(user, AuditLog.Event.of(AuditAction.CREATE).on("DischargeHandover", id).patient(patientId)
                .referral(handover.referralId()).section(RecordSection.DISCHARGE.name())
                .processInstance(instance.getId())
                .detail(dues.size() + " follow-up item(s), " + pending + " pending result(s), to " + handover.familyDoctor()));
        events.publishEvent(new DischargeHandoverSent(id, handover.familyDoctor(), handover.hospital()));
        return repository.find(id).orElseThrow();
    }

    /** The family doctor chosen by default: the sender of the referral the patient came by, if the user may see it. */
    @Transactional
    public Optional<String> defaultFamilyDoctor(CareRelayUser user, String referralId) {
        try {
            Referral referral = referrals.get(user, referralId);
            return referral.receivingInstitution().equals(user.institution()) ? Optional.of(referral.sendingUser())
                    : Optional.empty();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Family doctors a handover can go to (referring doctors), by username. */
    public List<CareRelayUser> familyDoctors() {
        return users.all().stream().filter(u -> u.role() == Role.REFERRING_DOCTOR).toList();
    }

    // ---- reading ----

    @Transactional
    public Details details(CareRelayUser user, String id) {
        DischargeHandover handover = readable(user, id, false);
        Map<String, Object> summary = summary(handover);
        audit.write(user, AuditLog.Event.of(AuditAction.VIEW).on("DischargeHandover", id).patient(handover.patientId())
                .referral(handover.referralId()).section(RecordSection.DISCHARGE.name()));
        List<Map<String, Object>> items = rows(summary, "followUpItems");
        List<FollowUpItem> followUps = repository.followUps(id).stream()
                .map(f -> new FollowUpItem(f.id(), f.itemNo(), text(items, f.itemNo(), "action"), f.dueOn(), f.remindOn(),
                        f.status()))
                .toList();
        List<Map<String, Object>> pending = rows(summary, "pendingResults");
        List<ResultItem> results = repository.pendingResults(id).stream()
                .map(r -> new ResultItem(r.id(), r.itemNo(), text(pending, r.itemNo(), "test"),
                        text(pending, r.itemNo(), "expectedBy"), r.status(),
                        r.received() ? readResult(handover, r).text() : null, r.recordedBy(), r.recordedAt()))
                .toList();
        return new Details(handover, summary, followUps, results, access(user, handover).allowsWrite());
    }

    /**
     * A user's standing to a handover and what the policy gives them on one section of it, for features attached to
     * the handover (its message thread).
     */
    public record SectionAccess(DischargeHandover handover, Set<Relationship> standing, Access access) {
    }

    /**
     * For features attached to a handover: the handover, how the user stands to it and their access to one section.
     * Empty when there is no such handover or the user has no standing to it (the caller answers 404 and audits the
     * refusal); not audited itself.
     */
    @Transactional(readOnly = true)
    public Optional<SectionAccess> sectionAccess(CareRelayUser user, String id, RecordSection section) {
        return repository.find(id).map(h -> sectionAccess(user, h, section)).filter(a -> !a.standing().isEmpty());
    }

    /** {@link #sectionAccess(CareRelayUser, String, RecordSection)} for many handovers at once (one query). */
    @Transactional(readOnly = true)
    public Map<String, SectionAccess> sectionAccess(CareRelayUser user, java.util.Collection<String> ids,
            RecordSection section) {
        Map<String, SectionAccess> access = new LinkedHashMap<>();
        for (DischargeHandover h : repository.findAll(ids)) {
            SectionAccess a = sectionAccess(user, h, section);
            if (!a.standing().isEmpty()) {
                access.put(h.id(), a);
            }
        }
        return access;
    }

    private SectionAccess sectionAccess(CareRelayUser user, DischargeHandover h, RecordSection section) {
        Set<Relationship> standing = relationships(user, h);
        return new SectionAccess(h, standing, policy.access(user, standing, section));
    }

    /** The handovers the user takes part in (newest first, at most 100); the search is audited. */
    @Transactional
    public List<DischargeHandover> mine(CareRelayUser user) {
        List<DischargeHandover> found = repository.forParticipant(user.username(),
                isHospitalDoctor(user) ? user.institution() : null, 100).stream()
                .filter(h -> access(user, h).allowsRead()).toList();
        audit.record(user, AuditAction.SEARCH, "discharge handovers returned=" + found.size());
        return found;
    }

    // ---- late results ----

    /** Records a result pending at discharge; the family doctor gets a task to review it. */
    @Transactional
    public ResultItem recordResult(CareRelayUser user, String id, int itemNo, String text) {
        DischargeHandover handover = readable(user, id, true);
        PendingResult pending = repository.pendingResults(id).stream().filter(r -> r.itemNo() == itemNo).findFirst()
                .orElseThrow(() -> new NotFoundException("Handover " + id + " has no pending result " + itemNo + "."));
        String result = text == null ? "" : text.strip();
        if (result.isEmpty()) {
            throw ValidationException.of("result", "is required");
        }
        if (result.length() > MAX_RESULT) {
            throw ValidationException.of("result", "must be at most " + MAX_RESULT + " characters");
        }
        if (pending.received()) {
            throw new ConflictException("This result has already been recorded.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String documentId = store.store(BlobKind.DISCHARGE_RESULT, MEDIA_TYPE, write(new SealedResult(id,
                pending.id(), user.username(), now.toString(), result))).id().toString();
        if (!repository.recordResult(pending.id(), documentId, user.username(), now)) {
            throw new ConflictException("This result has just been recorded by someone else; nothing was saved.");
        }
        identityService.setAuthentication(user.username(), user.engineGroups());
        try {
            List<Execution> waiting = runtimeService.createExecutionQuery().processInstanceBusinessKey(id)
                    .messageEventSubscriptionName(DischargeVariables.MESSAGE_RESULT_RECORDED).list();
            for (Execution execution : waiting) {
                if (pending.id().equals(runtimeService.getVariable(execution.getId(),
                        DischargeVariables.PENDING_RESULT_ID))) {
                    runtimeService.messageEventReceived(DischargeVariables.MESSAGE_RESULT_RECORDED, execution.getId());
                }
            }
        } finally {
            identityService.clearAuthentication();
        }
        audit.write(user, AuditLog.Event.of(AuditAction.CREATE).on("DischargeResult", pending.id())
                .patient(handover.patientId()).referral(handover.referralId()).section(RecordSection.DISCHARGE.name())
                .detail("result " + itemNo + " of handover " + id + ", " + result.length() + " characters"));
        events.publishEvent(new LateResultRecorded(id, handover.familyDoctor(), user.username()));
        List<Map<String, Object>> items = rows(summary(handover), "pendingResults");
        return new ResultItem(pending.id(), itemNo, text(items, itemNo, "test"), text(items, itemNo, "expectedBy"),
                "RECEIVED", result, user.username(), now);
    }

    // ---- for the process and the task path ----

    /** The follow-up items' ids, for the process's multi-instance follow-up (called from the model's expression). */
    public List<String> followUpIds(String handoverId) {
        return repository.followUps(handoverId).stream().map(FollowUp::id).toList();
    }

    /** The pending results' ids, for the process's multi-instance wait for late results. */
    public List<String> pendingResultIds(String handoverId) {
        return repository.pendingResults(handoverId).stream().map(PendingResult::id).toList();
    }

    FollowUp followUp(String followUpId) {
        return repository.followUp(followUpId).orElseThrow(() -> new IllegalStateException("No follow-up " + followUpId));
    }

    /** 09:00 Hong Kong time on the day: when a due task and its reminder turn up. */
    static Date morningOf(LocalDate day) {
        return Date.from(ZonedDateTime.of(day.atTime(9, 0), HongKongTime.ZONE).toInstant());
    }

    void acknowledged(String handoverId) {
        repository.acknowledge(handoverId, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    void followUpDone(String followUpId, String outcome) {
        repository.completeFollowUp(followUpId, outcome == null ? "DONE" : outcome,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    void remind(String followUpId, boolean onDueDate) {
        FollowUp followUp = followUp(followUpId);
        DischargeHandover handover = repository.find(followUp.handoverId()).orElseThrow();
        events.publishEvent(new FollowUpReminderDue(handover.id(), handover.familyDoctor(), followUp.dueOn(), onDueDate));
    }

    void closed(String handoverId) {
        repository.close(handoverId);
    }

    /** The values of a task form's read-only fields: the patient and the item the task is about. */
    Map<String, Object> formData(CareRelayUser user, String handoverId, String taskKey, String followUpId,
            String pendingResultId) {
        DischargeHandover handover = readable(user, handoverId, false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patientName", handover.patientName());
        data.put("hospital", handover.hospital());
        data.put("dischargedOn", handover.dischargedOn().toString());
        if (followUpId == null && pendingResultId == null) {
            return data;
        }
        Map<String, Object> summary = summary(handover);
        audit.write(user, AuditLog.Event.of(AuditAction.VIEW).on("DischargeHandover", handoverId)
                .patient(handover.patientId()).referral(handover.referralId()).section(RecordSection.DISCHARGE.name())
                .detail("task " + taskKey));
        if (followUpId != null) {
            FollowUp followUp = followUp(followUpId);
            data.put("action", text(rows(summary, "followUpItems"), followUp.itemNo(), "action"));
            data.put("dueOn", followUp.dueOn().toString());
        }
        if (pendingResultId != null) {
            PendingResult result = repository.pendingResult(pendingResultId).orElseThrow();
            data.put("test", text(rows(summary, "pendingResults"), result.itemNo(), "test"));
            if (result.received()) {
                data.put("result", readResult(handover, result).text());
            }
        }
        return data;
    }

    List<DischargeHandover> visible(CareRelayUser user, java.util.Collection<String> ids) {
        return repository.findAll(ids).stream().filter(h -> access(user, h).allowsRead()).toList();
    }

    // ---- helpers ----

    /** How the user stands to the handover: the discharging hospital's side, or the family doctor it is addressed to. */
    static Set<Relationship> relationships(CareRelayUser user, DischargeHandover handover) {
        Set<Relationship> relationships = EnumSet.noneOf(Relationship.class);
        if (user.institution().equals(handover.hospital())) {
            relationships.add(Relationship.SENDING);
        }
        if (user.username().equals(handover.familyDoctor())) {
            relationships.add(Relationship.RECEIVING);
        }
        return relationships;
    }

    Access access(CareRelayUser user, DischargeHandover handover) {
        return policy.access(user, relationships(user, handover), RecordSection.DISCHARGE);
    }

    /** The handover if the user may read (or write) it: 404 for outsiders, 403 for a colleague in the wrong role. */
    private DischargeHandover readable(CareRelayUser user, String id, boolean write) {
        DischargeHandover handover = repository.find(id).orElse(null);
        Set<Relationship> standing = handover == null ? Set.of() : relationships(user, handover);
        if (standing.isEmpty()) {
            audit.denied(user, "DischargeHandover", id, "handover outside the user's scope");
            throw new NotFoundException("No discharge handover " + id + ".");
        }
        Access access = policy.access(user, standing, RecordSection.DISCHARGE);
        if (write ? !access.allowsWrite() : !access.allowsRead()) {
            audit.denied(user, "DischargeHandover", id, "role may not " + (write ? "write" : "read") + " DISCHARGE");
            throw new ForbiddenException("Your role may not " + (write ? "record results on" : "read")
                    + " this discharge handover.");
        }
        return handover;
    }

    private Map<String, Object> summary(DischargeHandover handover) {
        try {
            SealedSummary sealed = json.readValue(store.read(UUID.fromString(handover.summaryDocumentId())),
                    SealedSummary.class);
            if (!handover.id().equals(sealed.handoverId()) || !handover.patientId().equals(sealed.patientId())) {
                throw new IllegalStateException("Discharge summary " + handover.summaryDocumentId()
                        + " does not belong to handover " + handover.id());
            }
            return sealed.values();
        } catch (IOException e) {
            throw new IllegalStateException("Stored discharge summary is not valid JSON", e);
        }
    }

    private SealedResult readResult(DischargeHandover handover, PendingResult result) {
        try {
            SealedResult sealed = json.readValue(store.read(UUID.fromString(result.resultDocumentId())),
                    SealedResult.class);
            if (!handover.id().equals(sealed.handoverId()) || !result.id().equals(sealed.pendingResultId())) {
                throw new IllegalStateException("Result " + result.resultDocumentId() + " does not belong to "
                        + result.id());
            }
            return sealed;
        } catch (IOException e) {
            throw new IllegalStateException("Stored result is not valid JSON", e);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> values, String key) {
        Object rows = values.get(key);
        return rows instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static String text(List<Map<String, Object>> rows, int index, String key) {
        if (index < 0 || index >= rows.size() || rows.get(index).get(key) == null) {
            return null;
        }
        return rows.get(index).get(key).toString();
    }

    private static LocalDate due(Map<String, Object> item, LocalDate dischargedOn) {
        if ("DATE".equals(item.get("dueKind"))) {
            return LocalDate.parse(item.get("dueOn").toString());
        }
        return dischargedOn.plusDays(((Number) item.get("dueInDays")).longValue());
    }

    static boolean isHospitalDoctor(CareRelayUser user) {
        return user.role() == Role.SPECIALIST || user.role() == Role.INTERN;
    }

    private static List<String> hospitalGroups(String hospital) {
        return List.of(CareRelayUser.group(hospital, Role.SPECIALIST), CareRelayUser.group(hospital, Role.INTERN));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), HongKongTime.ZONE);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
