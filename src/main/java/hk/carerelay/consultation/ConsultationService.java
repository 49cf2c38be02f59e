package hk.carerelay.consultation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.access.Access;
import hk.carerelay.access.AccessPolicy;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.form.FormCatalog;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormField;
import hk.carerelay.form.FormValidator;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.organisation.Directory;
import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.EngineAuthorizations;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Cross-department consultations for users (ask, read, list, cancel) and for the consultation process's delegates.
 * Who may read one is the access policy's CONSULTATION section, from how the user stands to it; every read is
 * audited, and a read of the referral it is tied to shows only the sections the requester shared.
 */
@Service
public class ConsultationService {

    /** The referral sections a requester may share with the consulted department (the request form's checklist). */
    public static final Set<RecordSection> SHAREABLE = EnumSet.of(RecordSection.DEMOGRAPHICS,
            RecordSection.REFERRAL_SUMMARY, RecordSection.DIAGNOSES, RecordSection.MEDICATIONS, RecordSection.RESULTS,
            RecordSection.DOCUMENTS, RecordSection.CONSULTATION_NOTES);

    private static final int LIST_LIMIT = 200;
    static final String FORM_ID = "consultation-request";
    /** Where the request form's department choice takes its options from ({@code valuesKey}). */
    static final String DEPARTMENTS = "departments";

    private final ConsultationRepository consultations;
    private final ReferralService referrals;
    private final PatientRegistry patients;
    private final Directory directory;
    private final ConsultationTexts texts;
    private final AccessPolicy policy;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final EngineAuthorizations engineAuthorizations;
    private final WorkflowTasks tasks;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final FormCatalog forms;
    private final Clock clock;

    ConsultationService(ConsultationRepository consultations, ReferralService referrals, PatientRegistry patients,
            Directory directory, ConsultationTexts texts, AccessPolicy policy, RuntimeService runtimeService,
            IdentityService identityService, EngineAuthorizations engineAuthorizations, WorkflowTasks tasks,
            AuditLog audit, ApplicationEventPublisher events, FormCatalog forms, Clock clock) {
        this.consultations = consultations;
        this.referrals = referrals;
        this.patients = patients;
        this.directory = directory;
        this.texts = texts;
        this.policy = policy;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.engineAuthorizations = engineAuthorizations;
        this.tasks = tasks;
        this.audit = audit;
        this.events = events;
        this.forms = forms;
        this.clock = clock;
    }

    /** What a participant sees: the request, its question, the opinion once written, the shared referral sections. */
    public record Details(Consultation consultation, String question, String opinion, String recommendation,
            Referral sharedReferral, List<TaskView> openTasks, boolean mayCancel) {
    }

    /** How the user stands to the consultation: its requester, and/or a member of the consulted department. */
    static Set<Relationship> standing(CareRelayUser user, Consultation c) {
        Set<Relationship> standing = EnumSet.noneOf(Relationship.class);
        if (user == null || !c.institution().equals(user.institution())) {
            return standing;
        }
        if (user.username().equals(c.requester())) {
            standing.add(Relationship.CONSULT_REQUESTER);
        }
        if (c.consultedDepartment().equals(user.department())) {
            standing.add(Relationship.CONSULTED_DEPARTMENT);
        }
        return standing;
    }

    static boolean mayRead(AccessPolicy policy, CareRelayUser user, Consultation c) {
        return policy.access(user, standing(user, c), RecordSection.CONSULTATION).allowsRead();
    }

    private boolean mayRead(CareRelayUser user, Consultation c) {
        return mayRead(policy, user, c);
    }

    /**
     * A user's standing to a consultation and what the policy gives them on one section of it, for features attached
     * to the consultation (its message thread). {@code standing} is empty when the user is outside its scope.
     */
    public record SectionAccess(Consultation consultation, Set<Relationship> standing, Access access) {
    }

    /**
     * For features attached to a consultation: the consultation, how the user stands to it and their access to one
     * section. Empty when there is no such consultation or the user has no standing to it (the caller answers 404 and
     * audits the refusal); not audited itself.
     */
    @Transactional(readOnly = true)
    public Optional<SectionAccess> sectionAccess(CareRelayUser user, String id, RecordSection section) {
        return consultations.find(id).map(c -> sectionAccess(user, c, section))
                .filter(a -> !a.standing().isEmpty());
    }

    /** {@link #sectionAccess(CareRelayUser, String, RecordSection)} for many consultations at once (one query). */
    @Transactional(readOnly = true)
    public Map<String, SectionAccess> sectionAccess(CareRelayUser user, Collection<String> ids,
            RecordSection section) {
        Map<String, SectionAccess> access = new HashMap<>();
        for (Consultation c : consultations.findAll(ids)) {
            SectionAccess a = sectionAccess(user, c, section);
            if (!a.standing().isEmpty()) {
                access.put(c.id(), a);
            }
        }
        return access;
    }

    private SectionAccess sectionAccess(CareRelayUser user, Consultation c, RecordSection section) {
        Set<Relationship> standing = standing(user, c);
        return new SectionAccess(c, standing, policy.access(user, standing, section));
    }

    /** Asks the department for an opinion: validates, seals the question, stores the request and starts its process. */
    @Transactional
    public Consultation request(CareRelayUser user, ConsultationRequest request) {
        if (user.role() != Role.SPECIALIST || user.department() == null) {
            throw new ForbiddenException("Only doctors of a department can ask another department for an opinion.");
        }
        if (request == null) {
            throw ValidationException.of("body", "send the consultation request as a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> submitted = FormValidator.submission("consultedDepartment", request.consultedDepartment(),
                "urgency", request.urgency(), "question", request.question(), "referralId", request.referralId(),
                "sharedSections", request.sharedSections(), "patientHkid", request.patientHkid());
        Map<String, Object> values = Map.of();
        try {
            values = FormValidator.validate(form(), submitted, formData(user, null));
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        // What the form cannot state: the referral must be one the doctor takes part in, sections are shared only
        // from a referral (refused, not dropped, when given without one), and the HKID must be a registered patient's.
        String referralId = blank(request.referralId()) ? null : request.referralId().strip();
        String patientId = null;
        if (referralId != null && !hasError(errors, "referralId")) {
            Optional<ReferralService.SectionAccess> access = referrals.sectionAccess(user, referralId,
                    RecordSection.DEMOGRAPHICS);
            if (access.isEmpty() || access.get().referral().patientId() == null
                    || access.get().standing().contains(Relationship.EMERGENCY_ACCESS)) {
                errors.add(new FieldError("referralId", "is not a referral you take part in"));
            } else {
                patientId = access.get().referral().patientId();
            }
        } else if (referralId == null) {
            if (submitted.containsKey("sharedSections")) {
                errors.add(new FieldError("sharedSections", "can only be given with a referral"));
            }
            if (values.get("patientHkid") instanceof String hkid) {
                patientId = Hkid.parse(hkid).flatMap(patients::idOf).orElse(null);
                if (patientId == null) {
                    errors.add(new FieldError("patientHkid", "is not a registered patient's HKID"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String consulted = (String) values.get("consultedDepartment");
        String urgency = (String) values.get("urgency");
        String question = (String) values.get("question");
        Set<RecordSection> shared = EnumSet.noneOf(RecordSection.class);
        if (values.get("sharedSections") instanceof List<?> sections) {
            sections.forEach(section -> shared.add(RecordSection.valueOf(String.valueOf(section))));
        }

        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String questionBlob = texts.seal(new ConsultationTexts.Sealed(id, "QUESTION", question, null));
        Consultation consultation = new Consultation(id, user.institution(), user.username(), user.department(),
                consulted, patientId, null, null, referralId, shared, urgency, questionBlob, null,
                ConsultationStatus.REQUESTED, null, null, now, null, null);
        consultations.insert(consultation);

        String requesterGroup = CareRelayUser.group(user.institution(), Role.SPECIALIST, user.department());
        String consultedGroup = CareRelayUser.group(user.institution(), Role.SPECIALIST, consulted);
        engineAuthorizations.allowStart(requesterGroup, ConsultationVariables.PROCESS_KEY);
        identityService.setAuthentication(user.username(), user.engineGroups());
        ProcessInstance instance;
        try {
            instance = runtimeService.createProcessInstanceByKey(ConsultationVariables.PROCESS_KEY)
                    .businessKey(id)
                    .setVariable(ConsultationVariables.INSTITUTION, user.institution())
                    .setVariable(ConsultationVariables.REQUESTER, user.username())
                    .setVariable(ConsultationVariables.REQUESTING_DEPARTMENT, user.department())
                    .setVariable(ConsultationVariables.CONSULTED_DEPARTMENT, consulted)
                    .setVariable(ConsultationVariables.URGENCY, urgency)
                    .execute();
        } finally {
            identityService.clearAuthentication();
        }
        consultations.setProcessInstance(id, instance.getId());
        engineAuthorizations.shareNewInstance(instance.getId(), List.of(requesterGroup, consultedGroup),
                List.of(requesterGroup));
        audit.write(user, AuditLog.Event.of(AuditAction.CREATE).on("Consultation", id).patient(patientId)
                .referral(referralId).section(RecordSection.CONSULTATION.name()).processInstance(instance.getId())
                .detail("asked " + consulted + (shared.isEmpty() ? "" : " sharing " + shared)));
        events.publishEvent(new ConsultationRequested(id, user.institution(), user.department(), consulted, urgency));
        return consultations.find(id).orElseThrow();
    }

    /** The consultation with its text, if the policy lets the user read it (404 otherwise, audited); audited. */
    @Transactional
    public Details details(CareRelayUser user, String id) {
        Consultation c = open(user, id);
        ConsultationTexts.Sealed question = texts.open(id, c.questionBlob());
        ConsultationTexts.Sealed opinion = c.opinionBlob() == null ? null : texts.open(id, c.opinionBlob());
        Referral shared = sharedReferral(user, c);
        return new Details(c, question.text(), opinion == null ? null : opinion.text(),
                opinion == null ? null : opinion.recommendation(), shared, tasks.openTasksOfCase(user, id),
                user.username().equals(c.requester()) && c.status() == ConsultationStatus.REQUESTED);
    }

    /** The consultation without its text, for a participant (404 otherwise, audited). */
    @Transactional
    public Consultation get(CareRelayUser user, String id) {
        return open(user, id);
    }

    /** The consultations the user asked for ("mine") or their department was asked ("department"), newest first. */
    @Transactional
    public List<Consultation> list(CareRelayUser user, String scope) {
        List<Consultation> found = switch (scope == null ? "mine" : scope) {
            case "mine" -> consultations.byRequester(user.username(), LIST_LIMIT);
            case "department" -> user.department() == null ? List.of()
                    : consultations.byConsultedDepartment(user.institution(), user.department(), LIST_LIMIT);
            default -> throw ValidationException.of("scope", "must be mine or department");
        };
        List<Consultation> visible = found.stream().filter(c -> mayRead(user, c)).toList();
        audit.record(user, AuditAction.SEARCH, "consultations scope=" + scope + " returned=" + visible.size());
        return visible;
    }

    /** The requester withdraws the request before it is answered. */
    @Transactional
    public Consultation cancel(CareRelayUser user, String id) {
        Consultation c = open(user, id);
        if (!user.username().equals(c.requester())) {
            audit.denied(user, "Consultation", id, "cancellation by someone other than the requester");
            throw new ForbiddenException("Only the doctor who asked for the consultation can cancel it.");
        }
        if (c.status() != ConsultationStatus.REQUESTED) {
            throw new ConflictException("This consultation has been answered or has ended; it can no longer be cancelled.");
        }
        identityService.setAuthentication(user.username(), user.engineGroups());
        try {
            runtimeService.createMessageCorrelation(ConsultationVariables.MESSAGE_CANCELLED)
                    .processInstanceBusinessKey(id).correlate();
        } finally {
            identityService.clearAuthentication();
        }
        audit.write(user, AuditLog.Event.of(AuditAction.CANCELLATION_REQUEST).on("Consultation", id)
                .patient(c.patientId()).referral(c.referralId()).processInstance(c.processInstanceId()));
        return consultations.find(id).orElseThrow();
    }

    private Consultation open(CareRelayUser user, String id) {
        Optional<Consultation> found = consultations.find(id);
        if (found.isEmpty() || !mayRead(user, found.get())) {
            audit.write(user, AuditLog.Event.of(AuditAction.ACCESS_DENIED).outcome("DENIED").on("Consultation", id)
                    .detail("not found or not a participant"));
            throw new NotFoundException("No consultation " + id + ".");
        }
        Consultation c = found.get();
        audit.write(user, AuditLog.Event.of(AuditAction.VIEW).on("Consultation", id).patient(c.patientId())
                .referral(c.referralId()).section(RecordSection.CONSULTATION.name())
                .processInstance(c.processInstanceId()));
        return c;
    }

    /**
     * The referral as far as the requester shared it: the consulted department reads the named sections that the
     * policy lets it read under the consultation, the requester what the referral's own policy lets them read, and
     * the read is audited on the referral with the sections shown. Without a consent covering the referral the
     * consultation adds nothing to what the reader's own standing allows.
     */
    private Referral sharedReferral(CareRelayUser user, Consultation c) {
        if (c.referralId() == null || c.sharedSections().isEmpty()) {
            return null;
        }
        Optional<ReferralService.SectionAccess> access = referrals.sectionAccess(user, c.referralId(),
                RecordSection.DEMOGRAPHICS);
        if (access.isEmpty()) {
            return null;
        }
        Set<RecordSection> readable = EnumSet.noneOf(RecordSection.class);
        // A consultation passes on only what the receiving side may see: before the patient's consent to share the
        // referral (ADR 0019) that is its administrative part, whatever the request names.
        Set<RecordSection> underConsultation = access.get().forPolicy().contains(Relationship.AWAITING_CONSENT)
                ? EnumSet.noneOf(RecordSection.class)
                : policy.readable(user, standing(user, c));
        Set<RecordSection> ownStanding = policy.readable(user, access.get().forPolicy());
        for (RecordSection section : c.sharedSections()) {
            if (underConsultation.contains(section) || ownStanding.contains(section)) {
                readable.add(section);
            }
        }
        if (readable.isEmpty()) {
            return null;
        }
        audit.write(user, AuditLog.Event.of(AuditAction.VIEW).on("Referral", c.referralId()).referral(c.referralId())
                .patient(c.patientId()).section(readable.stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",")))
                .detail("shared in consultation " + c.id()));
        return access.get().referral().disclosedTo(readable);
    }

    // ---- for the task path and the process's delegates ----

    Optional<Consultation> find(String id) {
        return consultations.find(id);
    }

    List<Consultation> findAll(Collection<String> ids) {
        return consultations.findAll(ids);
    }

    void answered(String id) {
        consultations.transition(id, ConsultationStatus.REQUESTED, ConsultationStatus.ANSWERED, clock.instant());
        consultations.find(id).ifPresent(c -> events.publishEvent(
                new ConsultationAnswered(id, c.requester(), c.consultedDepartment())));
    }

    void completed(String id) {
        consultations.transition(id, ConsultationStatus.ANSWERED, ConsultationStatus.COMPLETED, clock.instant());
    }

    void cancelled(String id) {
        consultations.transition(id, ConsultationStatus.REQUESTED, ConsultationStatus.CANCELLED, clock.instant());
    }

    /** The form a consultation is asked with ({@code forms/consultation/consultation-request.form}). */
    public FormDefinition form() {
        return forms.byId(FORM_ID).orElseThrow(() -> new IllegalStateException("The consultation request form is not packaged"));
    }

    /** The server's data for the request form: the departments the user may ask (every one but their own). */
    public Map<String, Object> formData(CareRelayUser user, Locale locale) {
        List<FormField.Option> departments = directory.specialties().stream()
                .filter(s -> !s.code().equals(user.department()))
                .map(s -> new FormField.Option(s.code(), s.name(locale))).toList();
        return Map.of(DEPARTMENTS, departments);
    }

    private static boolean hasError(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
