package hk.carerelay.consent;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.access.SharingConsents;
import hk.carerelay.access.SharingConsents.SharedRecord;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.consent.ConsentEvents.ConsentChanged;
import hk.carerelay.crypto.Signatures;
import hk.carerelay.document.BlobKind;
import hk.carerelay.document.DocumentLimits;
import hk.carerelay.document.DocumentStore;
import hk.carerelay.document.StoredBlob;
import hk.carerelay.form.FieldType;
import hk.carerelay.form.FormCatalog;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormValidator;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.patient.Hkid;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.HongKongTime;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;

/**
 * Consents for users (record, read, list, withdraw, download and verify the signed form) and for the consent
 * process's delegates (start sharing, stop sharing, expire). Recording and withdrawal are done by the referring side
 * (the clinic that sees the patient); the receiving side reads whether it may see the record. Every read and change is
 * audited with the patient.
 */
@Service
public class ConsentService {

    /** The consent process waits for this until the consent's validity ends (consent.bpmn). */
    static final String MESSAGE_WITHDRAWN = "ConsentWithdrawn";
    static final String PROCESS_KEY = "consent";
    static final String VAR_DECISION = "decision";
    static final String VAR_VALID_UNTIL = "validUntil";

    /** The form a consent is captured with ({@code forms/consent/consent.form}). */
    static final String FORM_ID = "consent";
    /** The consent form's read-only field: whether the patient is under 16, from the date of birth. */
    static final String UNDER_16 = "patientUnder16";
    /** How long a consent holds when no end date is given, and the longest it may hold. */
    static final int DEFAULT_VALID_YEARS = 1;
    static final int MAX_VALID_YEARS = 5;
    private static final Set<Role> RECEIVING_READERS = EnumSet.of(Role.COORDINATOR, Role.SPECIALIST, Role.NURSE);

    private final ConsentRepository consents;
    private final SharingConsents gate;
    private final ReferralService referrals;
    private final PatientRegistry patients;
    private final Directory directory;
    private final DocumentStore store;
    private final Signatures signatures;
    private final RuntimeService runtime;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final DocumentLimits limits;
    private final FormCatalog forms;
    private final Clock clock;

    ConsentService(ConsentRepository consents, SharingConsents gate, ReferralService referrals,
            PatientRegistry patients, Directory directory, DocumentStore store, Signatures signatures,
            RuntimeService runtime, AuditLog audit, ApplicationEventPublisher events, DocumentLimits limits,
            FormCatalog forms, Clock clock) {
        this.consents = consents;
        this.gate = gate;
        this.referrals = referrals;
        this.patients = patients;
        this.directory = directory;
        this.store = store;
        this.signatures = signatures;
        this.runtime = runtime;
        this.audit = audit;
        this.events = events;
        this.limits = limits;
        this.forms = forms;
        this.clock = clock;
    }

    /** Whether the signed form is intact: its SHA-256 matches and the signature over it verifies. */
    public record Verification(String consentId, boolean hashMatches, boolean signatureValid, String sha256,
            String keyId) {

        public boolean valid() {
            return hashMatches && signatureValid;
        }
    }

    private record Subject(String patientId, String patientName, String patientHkid, LocalDate dateOfBirth,
            String receivingInstitution, String referralId) {
    }

    /**
     * Records the patient's decision, witnessed by the signed-in referring doctor: stores the drawn signature and the
     * signed PDF encrypted, starts the consent's process (which starts sharing, or waits for withdrawal or the end of
     * validity). All or nothing.
     */
    @Transactional
    public Consent record(CareRelayUser user, ConsentRequest request) {
        if (user.role() != Role.REFERRING_DOCTOR) {
            audit.denied(user, "Consent", null, "consent recorded by someone other than a referring doctor");
            throw new ForbiddenException("Only the referring doctor's side records a patient's consent.");
        }
        if (request == null) {
            throw ValidationException.of("body", "send the consent as a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        ConsentScope scope = constant(ConsentScope.class, request.scope());
        Subject subject = scope == null ? null : subject(user, scope, request, errors);
        Map<String, Object> data = new HashMap<>();
        if (subject != null) {
            data.put(UNDER_16, subject.dateOfBirth().plusYears(16)
                    .isAfter(LocalDate.now(clock.withZone(HongKongTime.ZONE))));
        }
        Map<String, Object> submitted = formValues(request);
        FormDefinition definition = form();
        Map<String, Object> values = Map.of();
        try {
            values = FormValidator.validate(definition, submitted, data);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        // Rules the form cannot state: a hidden substitute is refused rather than dropped, a child's substitute is a
        // parent or guardian, and the validity has bounds.
        Map<String, Object> context = new HashMap<>(submitted);
        context.putAll(data);
        boolean substituteHidden = definition.components().stream().filter(c -> c.type() == FieldType.GROUP)
                .filter(g -> g.component("substituteName").isPresent()).anyMatch(g -> FormValidator.isHidden(g, context));
        if (subject != null && substituteHidden && submitted.containsKey("patientHasCapacity")
                && (submitted.containsKey("substituteName") || submitted.containsKey("substituteRelationship"))) {
            errors.add(new FieldError(submitted.containsKey("substituteName") ? "substituteName" : "substituteRelationship",
                    "is only recorded for a patient under 16 or without capacity"));
        }
        SubstituteRelationship relationship = values.containsKey("substituteRelationship")
                ? SubstituteRelationship.valueOf((String) values.get("substituteRelationship")) : null;
        if (relationship != null && Boolean.TRUE.equals(data.get(UNDER_16)) && !relationship.mayDecideForAChild()) {
            errors.add(new FieldError("substituteRelationship", "must be PARENT or LEGAL_GUARDIAN for a patient under 16"));
        }
        Instant now = clock.instant();
        Instant validUntil = errors.stream().anyMatch(e -> e.field().equals("validUntil")) ? null
                : validUntil(request.validUntil(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        ConsentStatus decision = ConsentStatus.valueOf((String) values.get("decision"));
        String substituteName = (String) values.get("substituteName");
        byte[] signature = FormValidator.signatureBytes((String) values.get("signature"));
        boolean capacity = Boolean.parseBoolean((String) values.get("patientHasCapacity"));
        String id = UUID.randomUUID().toString();
        StoredBlob signatureBlob = store.store(BlobKind.CONSENT_SIGNATURE, "image/png", signature);
        ConsentPdf.Form form = new ConsentPdf.Form(id, subject.patientName(), subject.patientHkid(), scope,
                subject.referralId(), subject.receivingInstitution(), user.institution(), decision, now, validUntil,
                user.displayName(), user.username(), capacity, substituteName,
                relationship, now);
        byte[] pdf;
        try {
            pdf = ConsentPdf.render(form, signature, limits.cjkFont());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot render the consent form", e);
        }
        byte[] digest = sha256(pdf);
        Signatures.Signed signed = signatures.signConsent(digest);
        StoredBlob pdfBlob = store.store(BlobKind.CONSENT_FORM, "application/pdf", pdf);
        Consent consent = new Consent(id, scope, subject.patientId(), subject.receivingInstitution(),
                subject.referralId(), decision, now, validUntil, capacity, substituteName, relationship,
                user.username(), user.institution(), now, signatureBlob.id().toString(), pdfBlob.id().toString(),
                HexFormat.of().formatHex(digest), signed.keyId(), signed.signature(), null, null, null, null);
        // a referral being sent for the patient commits first, so that the consent's sharing step finds it
        patients.lock(subject.patientId());
        consents.insert(consent);
        String instance = runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(id)
                .setVariable(VAR_DECISION, decision.name())
                .setVariable(VAR_VALID_UNTIL, Date.from(validUntil))
                .execute().getId();
        consents.setProcessInstance(id, instance);
        audit.write(user, AuditLog.Event.of(AuditAction.CONSENT_CHANGE).on("Consent", id).patient(subject.patientId())
                .referral(subject.referralId()).processInstance(instance)
                .detail(decision + " " + scope + " " + subject.receivingInstitution()));
        return consents.find(id).orElseThrow();
    }

    /** The consent, if the user may see it (404 outside scope, 403 for a role that may not); audited. */
    @Transactional
    public Consent get(CareRelayUser user, String id) {
        Consent consent = visible(user, id);
        audit.write(user, AuditLog.Event.of(AuditAction.VIEW).on("Consent", id).patient(consent.patientId())
                .referral(consent.referralId()));
        return consent;
    }

    /** The consents that decide whether this referral is shared: its own and the standing ones for it; audited. */
    @Transactional
    public List<Consent> forReferral(CareRelayUser user, String referralId) {
        ReferralService.SectionAccess access = referrals.sectionAccess(user, referralId, RecordSection.DEMOGRAPHICS)
                .filter(a -> !a.standing().contains(Relationship.EMERGENCY_ACCESS))
                .orElseThrow(() -> {
                    audit.denied(user, "Referral", referralId, "consents of a referral outside the user's scope");
                    return new NotFoundException("No referral " + referralId + ".");
                });
        if (!access.access().allowsRead()) {
            audit.denied(user, "Referral", referralId, "consents of a referral the role may not read");
            throw new ForbiddenException("Your role may not see this referral's consents.");
        }
        Referral r = access.referral();
        List<Consent> list = consents.forReferral(referralId, r.patientId(), r.receivingInstitution());
        audit.write(user, AuditLog.Event.of(AuditAction.SEARCH).on("Referral", referralId).referral(referralId)
                .patient(r.patientId()).detail("consents returned=" + list.size()));
        return list;
    }

    /** The patient's consents that the user may see (those their own clinic recorded, or given to their institution). */
    @Transactional
    public List<Consent> forPatient(CareRelayUser user, String hkid) {
        Hkid parsed = Hkid.parse(hkid == null ? "" : hkid)
                .orElseThrow(() -> ValidationException.of("hkid", "is not a valid HKID"));
        if (user.role() != Role.REFERRING_DOCTOR && !RECEIVING_READERS.contains(user.role())) {
            audit.denied(user, "Patient", null, "consent list by a role that may not read consents");
            throw new ForbiddenException("Your role may not see consents.");
        }
        String patientId = patients.idOf(parsed).orElse(null);
        List<Consent> list = patientId == null ? List.of() : consents.forPatient(patientId).stream()
                .filter(c -> mayRead(user, c)).toList();
        audit.write(user, AuditLog.Event.of(AuditAction.SEARCH).on("Patient", patientId).patient(patientId)
                .detail("consents returned=" + list.size()));
        return list;
    }

    /** The signed consent form (PDF), decrypted; the download is audited. */
    @Transactional
    public byte[] form(CareRelayUser user, String id) {
        Consent consent = visible(user, id);
        byte[] pdf = store.read(UUID.fromString(consent.pdfBlobId()));
        audit.write(user, AuditLog.Event.of(AuditAction.DOWNLOAD).on("Consent", id).patient(consent.patientId())
                .referral(consent.referralId()).detail("signed consent form"));
        return pdf;
    }

    /** Checks the stored form against its recorded SHA-256 and Ed25519 signature. */
    @Transactional
    public Verification verify(CareRelayUser user, String id) {
        Consent consent = visible(user, id);
        byte[] digest = sha256(store.read(UUID.fromString(consent.pdfBlobId())));
        String hex = HexFormat.of().formatHex(digest);
        boolean hashMatches = MessageDigest.isEqual(hex.getBytes(), consent.pdfSha256().getBytes());
        boolean signatureValid = signatures.verify(HexFormat.of().parseHex(consent.pdfSha256()),
                consent.pdfSignatureKey(), consent.pdfSignature());
        audit.write(user, AuditLog.Event.of(AuditAction.VIEW).on("Consent", id).patient(consent.patientId())
                .referral(consent.referralId()).detail("verified: hash " + hashMatches + ", signature " + signatureValid));
        return new Verification(id, hashMatches, signatureValid, hex, consent.pdfSignatureKey());
    }

    /**
     * The patient withdraws a granted consent (at the clinic that recorded it, or the sending clinic of its referral):
     * sharing stops at once, in this transaction.
     */
    @Transactional
    public Consent withdraw(CareRelayUser user, String id, String reason) {
        Consent consent = visible(user, id);
        if (user.role() != Role.REFERRING_DOCTOR) {
            audit.denied(user, "Consent", id, "withdrawal by someone other than the referring side");
            throw new ForbiddenException("Only the referring doctor's side records a withdrawal.");
        }
        if (blank(reason)) {
            throw ValidationException.of("reason", "is required");
        }
        if (reason.length() > 2000) {
            throw ValidationException.of("reason", "must be at most 2000 characters");
        }
        // a referral being sent for the patient commits first, so that stopping the sharing finds it
        patients.lock(consent.patientId());
        if (!consents.end(id, ConsentStatus.WITHDRAWN, clock.instant(), user.username(), reason.strip())) {
            throw new ConflictException("Only a granted consent can be withdrawn; this one is " + consent.status() + ".");
        }
        runtime.createMessageCorrelation(MESSAGE_WITHDRAWN).processInstanceBusinessKey(id).correlateAll();
        audit.write(user, AuditLog.Event.of(AuditAction.CONSENT_CHANGE).on("Consent", id).patient(consent.patientId())
                .referral(consent.referralId()).detail("WITHDRAWN"));
        return consents.find(id).orElseThrow();
    }

    // ---- steps of the consent process (called by its delegates) ----

    /** The consent was granted: referrals waiting for it go on to be shared; the receiving side is told. */
    void startSharing(String consentId) {
        Consent consent = require(consentId);
        List<String> covered = openReferrals(consent);
        covered.forEach(referrals::sharingConsentChanged);
        publish(consent, covered);
    }

    /** The patient refused: nothing is shared; the clinic and the receiving side are told. */
    void recordRefusal(String consentId) {
        Consent consent = require(consentId);
        publish(consent, openReferrals(consent));
    }

    /** The consent's validity has ended: it expires, and sharing stops as for a withdrawal. */
    void expire(String consentId) {
        patients.lock(require(consentId).patientId());
        if (consents.end(consentId, ConsentStatus.EXPIRED, clock.instant(), null, "validity ended")) {
            stopSharing(consentId);
        }
    }

    /**
     * Sharing stops for the referrals this consent covered that no other consent covers: they pause at the sharing
     * step with a task for the sender; everyone concerned is told.
     */
    void stopSharing(String consentId) {
        Consent consent = require(consentId);
        List<String> covered = openReferrals(consent);
        List<SharedRecord> records = covered.stream()
                .map(id -> new SharedRecord(id, consent.patientId(), consent.receivingInstitution())).toList();
        Set<String> stillShared = gate.sharingGranted(records);
        List<String> lost = covered.stream().filter(id -> !stillShared.contains(id)).toList();
        lost.forEach(referrals::sharingConsentChanged);
        publish(consent, lost);
    }

    private void publish(Consent consent, List<String> referralIds) {
        Consent now = require(consent.id());
        events.publishEvent(new ConsentChanged(now.id(), now.status(), now.recordingInstitution(), now.witness(),
                now.receivingInstitution(), referralIds));
    }

    private List<String> openReferrals(Consent consent) {
        if (consent.scope() == ConsentScope.REFERRAL) {
            return referrals.findForProcess(consent.referralId()).filter(r -> !r.status().isTerminal())
                    .map(r -> List.of(r.id())).orElse(List.of());
        }
        return referrals.openReferralIds(consent.patientId(), consent.receivingInstitution());
    }

    private Consent require(String id) {
        return consents.find(id).orElseThrow(() -> new IllegalStateException("Consent " + id + " does not exist"));
    }

    // ---- who may see a consent ----

    private Consent visible(CareRelayUser user, String id) {
        Optional<Consent> found = consents.find(id);
        if (found.isEmpty() || !involved(user, found.get())) {
            audit.denied(user, "Consent", id, "consent not found or outside the user's scope");
            throw new NotFoundException("No consent " + id + ".");
        }
        if (!mayRead(user, found.get())) {
            audit.denied(user, "Consent", id, "consent read by a role that may not");
            throw new ForbiddenException("Your role may not see consents.");
        }
        return found.get();
    }

    /** The user's institution recorded the consent, sent its referral, or is the one it shares with. */
    private boolean involved(CareRelayUser user, Consent consent) {
        if (user.institution() == null) {
            return false;
        }
        if (user.institution().equals(consent.recordingInstitution())
                || user.institution().equals(consent.receivingInstitution())) {
            return true;
        }
        return consent.referralId() != null && referrals.findForProcess(consent.referralId())
                .filter(r -> user.institution().equals(r.sendingInstitution())).isPresent();
    }

    private boolean mayRead(CareRelayUser user, Consent consent) {
        if (!involved(user, consent)) {
            return false;
        }
        if (user.institution().equals(consent.receivingInstitution())) {
            return RECEIVING_READERS.contains(user.role());
        }
        return user.role() == Role.REFERRING_DOCTOR;
    }

    // ---- validation ----

    private Subject subject(CareRelayUser user, ConsentScope scope, ConsentRequest request, List<FieldError> errors) {
        if (scope == ConsentScope.REFERRAL) {
            if (blank(request.referralId())) {
                errors.add(new FieldError("referralId", "is required for a consent to one referral"));
                return null;
            }
            ReferralService.SectionAccess access = referrals
                    .sectionAccess(user, request.referralId().strip(), RecordSection.DEMOGRAPHICS)
                    .filter(a -> !a.standing().contains(Relationship.EMERGENCY_ACCESS))
                    .orElseThrow(() -> {
                        audit.denied(user, "Referral", request.referralId(), "consent for a referral outside scope");
                        return new NotFoundException("No referral " + request.referralId() + ".");
                    });
            if (!access.standing().contains(Relationship.SENDING)) {
                audit.denied(user, "Referral", request.referralId(), "consent recorded by the receiving side");
                throw new ForbiddenException("Consent is recorded by the clinic that sent the referral.");
            }
            Referral r = access.referral();
            if (r.status().isTerminal()) {
                errors.add(new FieldError("referralId", "has ended; consent is no longer needed"));
            }
            if (!blank(request.patientHkid()) || !blank(request.receivingInstitution())) {
                errors.add(new FieldError(blank(request.patientHkid()) ? "receivingInstitution" : "patientHkid",
                        "is taken from the referral; leave it out"));
            }
            return new Subject(r.patientId(), r.patientName(), r.patientHkid(), r.patientDateOfBirth(),
                    r.receivingInstitution(), r.id());
        }
        if (!blank(request.referralId())) {
            errors.add(new FieldError("referralId", "is only for a consent to one referral"));
        }
        PatientRegistry.Patient patient = null;
        if (blank(request.patientHkid())) {
            errors.add(new FieldError("patientHkid", "is required for a standing consent"));
        } else {
            Optional<Hkid> hkid = Hkid.parse(request.patientHkid());
            if (hkid.isEmpty()) {
                errors.add(new FieldError("patientHkid", "is not a valid HKID"));
            } else {
                patient = patients.find(hkid.get()).orElse(null);
                if (patient == null) {
                    errors.add(new FieldError("patientHkid", "is not a registered patient"));
                }
            }
        }
        String receiving = null;
        if (blank(request.receivingInstitution())) {
            errors.add(new FieldError("receivingInstitution", "is required for a standing consent"));
        } else {
            Optional<Institution> institution = directory.institution(request.receivingInstitution().strip());
            if (institution.isEmpty() || !institution.get().receivesReferrals()
                    || institution.get().code().equals(user.institution())) {
                errors.add(new FieldError("receivingInstitution", "is not another institution that receives referrals"));
            } else {
                receiving = institution.get().code();
            }
        }
        return patient == null || receiving == null ? null
                : new Subject(patient.id(), patient.name(), patient.hkid(), patient.dateOfBirth(), receiving, null);
    }

    private Instant validUntil(String value, List<FieldError> errors) {
        LocalDate today = LocalDate.now(clock.withZone(HongKongTime.ZONE));
        LocalDate last = today.plusYears(DEFAULT_VALID_YEARS);
        if (!blank(value)) {
            try {
                last = LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("validUntil", "must be a date (YYYY-MM-DD)"));
                return null;
            }
            if (last.isBefore(today)) {
                errors.add(new FieldError("validUntil", "cannot be in the past"));
                return null;
            }
            if (last.isAfter(today.plusYears(MAX_VALID_YEARS))) {
                errors.add(new FieldError("validUntil", "must be within " + MAX_VALID_YEARS + " years"));
                return null;
            }
        }
        // valid through the whole of the last day, Hong Kong time
        return last.plusDays(1).atStartOfDay(HongKongTime.ZONE).toInstant();
    }

    /** The constant a client named, or null when it names none (the form's check reports that). */
    private static <E extends Enum<E>> E constant(Class<E> type, String value) {
        try {
            return blank(value) ? null : Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The form's part of a request, as the capture view's renderer submits it (absent values left out). */
    private static Map<String, Object> formValues(ConsentRequest request) {
        return FormValidator.submission("decision", request.decision(), "scope", request.scope(),
                "validUntil", request.validUntil(), "patientHasCapacity", request.patientHasCapacity(),
                "substituteName", request.substituteName(), "substituteRelationship", request.substituteRelationship(),
                "signature", request.signature());
    }

    /** The consent form the capture view renders and every recording is checked against. */
    public FormDefinition form() {
        return forms.byId(FORM_ID).orElseThrow(() -> new IllegalStateException("The consent form is not packaged"));
    }

    /** The server's data for the consent form of a referral: whether its patient is under 16. */
    public Map<String, Object> formData(Referral referral) {
        return Map.of(UNDER_16, referral.patientDateOfBirth() != null && referral.patientDateOfBirth().plusYears(16)
                .isAfter(LocalDate.now(clock.withZone(HongKongTime.ZONE))));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
