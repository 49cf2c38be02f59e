package hk.carerelay.document;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import hk.carerelay.access.Relationship;
import hk.carerelay.access.RecordSection;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.crypto.CmsFormat;
import hk.carerelay.form.FormCatalog;
import hk.carerelay.form.FormValidator;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.redaction.Finding;
import hk.carerelay.redaction.Masking;
import hk.carerelay.redaction.PiiDetector;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;
import hk.carerelay.workflow.EngineAuthorizations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Documents attached to referrals (FHIR DocumentReference): upload (read in the bounded worker, searched for personal
 * data, stored encrypted, all or nothing), the uploader's review in the document-review process, release of a
 * redacted copy, and every read, each checked against the DOCUMENTS section of the access policy and audited. The
 * receiving side sees nothing of a document before its release, and never the original.
 */
@Service
public class ClinicalDocuments {

    static final String PROCESS_KEY = "document-review";
    static final String TASK_REVIEW = "Task_ReviewRedaction";
    /** The review task's form, whose rules a preview's choices are checked by. */
    static final String REVIEW_FORM = "document-review";
    static final Set<String> CATEGORIES = Set.of("LETTER", "LAB_REPORT", "IMAGING_REPORT", "DISCHARGE_SUMMARY",
            "OTHER");
    private static final String TEXT_PLAIN = "text/plain;charset=UTF-8";
    private static final String MANUAL = "MANUAL";

    public enum Status { IN_REVIEW, RELEASED, WITHDRAWN }

    public enum Variant {
        REDACTED, ORIGINAL;

        public static Variant parse(String value) {
            try {
                return value == null ? REDACTED : Variant.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("variant", "must be redacted or original");
            }
        }
    }

    /**
     * What the uploader chose in the review form, before submitting it: findings to leave visible (their numbers,
     * separated by commas or spaces) and phrases to mask as well (one a line). The preview of the redacted copy can show
     * them; release applies them. Limits as the form's: 500 and 2,000 characters.
     */
    public record ReviewChoices(String keepVisible, String alsoMask) {

        public static final ReviewChoices NONE = new ReviewChoices(null, null);

        public boolean isEmpty() {
            return (keepVisible == null || keepVisible.isBlank()) && (alsoMask == null || alsoMask.isBlank());
        }
    }

    /** A document as stored: what it is, where it stands, and the ids of its encrypted files. */
    public record Document(String id, String referralId, String category, String fileName, String mediaType,
            long size, int pages, Status status, String uploadedBy, Instant uploadedAt, String reviewedBy,
            Instant decidedAt, String withdrawReason, String processInstanceId, UUID originalBlob,
            UUID originalPdfBlob, UUID textBlob, UUID findingsBlob, UUID redactedBlob, UUID redactedTextBlob,
            UUID layoutBlob) {
    }

    /**
     * One piece of personal data found (or a phrase the uploader added, type MANUAL), numbered for the review; the
     * value itself is shown only to the sending side.
     */
    public record StoredFinding(int number, String type, int start, int end, String text, double confidence,
            String reason, boolean masked) {
    }

    /** A document with its findings as the reader may see them. */
    public record View(Document document, List<StoredFinding> findings, boolean sendingSide) {
    }

    private final JdbcClient jdbc;
    private final ReferralService referrals;
    private final DocumentExtractor extractor;
    private final PiiDetector detector;
    private final DocumentStore store;
    private final Redactor redactor;
    private final Watermarks watermarks;
    private final DocumentExport export;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final EngineAuthorizations engineAuthorizations;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    /** The pipeline's stages, timed as {@code carerelay_document_pipeline_seconds{stage,outcome}}. */
    static final List<String> STAGES = List.of("extraction", "detection", "redaction");

    private final MeterRegistry meters;

    private Timer stageTimer(String stage, String outcome) {
        return Timer.builder("carerelay.document.pipeline").description("Time of each stage of the document pipeline")
                .tag("stage", stage).tag("outcome", outcome).register(meters);
    }

    /** Runs one stage and times it; a refused file or a failure is timed under its own outcome. */
    private <T> T timed(String stage, java.util.function.Supplier<T> work) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            T result = work.get();
            outcome = "ok";
            return result;
        } catch (DocumentRejectedException e) {
            outcome = "refused";
            throw e;
        } finally {
            sample.stop(stageTimer(stage, outcome));
        }
    }

    private final FormCatalog forms;

    ClinicalDocuments(JdbcClient jdbc, ReferralService referrals, DocumentExtractor extractor, PiiDetector detector,
            DocumentStore store, Redactor redactor, Watermarks watermarks, DocumentExport export,
            RuntimeService runtimeService,
            IdentityService identityService, EngineAuthorizations engineAuthorizations, AuditLog audit,
            TransactionTemplate tx, ObjectMapper json, Clock clock, MeterRegistry meters, FormCatalog forms) {
        this.meters = meters;
        this.forms = forms;
        for (String stage : STAGES) {
            stageTimer(stage, "ok");
        }
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.extractor = extractor;
        this.detector = detector;
        this.store = store;
        this.redactor = redactor;
        this.watermarks = watermarks;
        this.export = export;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.engineAuthorizations = engineAuthorizations;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    // ---- upload ----

    /**
     * Reads the file (outside any transaction: the worker may take up to its time limit), finds the personal data in
     * it, then stores everything and starts the uploader's review in one transaction. A refused file leaves only its
     * audit entry.
     */
    public Document upload(CareRelayUser user, String referralId, String fileName, String category, byte[] content) {
        ReferralService.SectionAccess access = referrals.sectionAccess(user, referralId, RecordSection.DOCUMENTS)
                .orElseThrow(() -> refused(user, "Referral", referralId, "document upload outside the user's scope",
                        new NotFoundException("No referral " + referralId + ".")));
        if (!access.access().allowsWrite() || !access.standing().contains(Relationship.SENDING)) {
            throw refused(user, "Referral", referralId, "document upload without write access to DOCUMENTS",
                    new ForbiddenException("Only the referring side can attach documents to a referral."));
        }
        String cat = category == null || category.isBlank() ? "OTHER" : category.strip().toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(cat)) {
            throw ValidationException.of("category", "must be one of " + CATEGORIES.stream().sorted().toList());
        }
        if (content == null || content.length == 0) {
            throw ValidationException.of("file", "is required and must not be empty");
        }
        String name = fileName == null || fileName.isBlank() ? "document" : fileName.strip();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }
        Extraction extraction;
        try {
            extraction = timed("extraction", () -> extractor.extract(content));
        } catch (DocumentRejectedException e) {
            throw refused(user, "Referral", referralId, "document refused: " + e.reason().code(), e);
        }
        Extraction read = extraction;
        List<Finding> found = timed("detection", () -> detector.detect(read.text()));
        Set<Finding> masked = Set.copyOf(detector.toMask(found));
        List<StoredFinding> findings = new ArrayList<>();
        for (Finding f : found) {
            findings.add(new StoredFinding(findings.size() + 1, f.type().name(), f.start(), f.end(), f.text(),
                    f.confidence(), f.reason(), masked.contains(f)));
        }
        byte[] asPdf = extraction.type() == DocumentType.PDF ? content
                : timed("redaction", () -> redactor.redact(read, List.of()));
        String storedName = name;
        return tx.execute(status -> {
            Referral referral = access.referral();
            String id = UUID.randomUUID().toString();
            StoredBlob original = store.store(BlobKind.ORIGINAL, extraction.type().mediaType(), content);
            // a PDF is its own viewable copy: one blob, encrypted once
            StoredBlob originalPdf = asPdf == content ? original
                    : store.store(BlobKind.ORIGINAL, DocumentType.PDF.mediaType(), asPdf);
            StoredBlob text = store.store(BlobKind.TEXT, TEXT_PLAIN, extraction.text().getBytes(StandardCharsets.UTF_8));
            StoredBlob findingsBlob = store.store(BlobKind.FINDINGS, "application/json", write(findings));
            StoredBlob layout = storeLayout(extraction);
            Instant now = clock.instant();
            jdbc.sql("""
                    INSERT INTO clinical_document (id, referral_id, category, file_name, media_type, size_bytes,
                        page_count, status, original_blob, original_pdf_blob, text_blob, findings_blob, uploaded_by,
                        uploaded_at, layout_blob)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, referralId, cat, storedName, extraction.type().mediaType(), (long) content.length,
                            Math.max(1, extraction.pages().size()), Status.IN_REVIEW.name(),
                            original.id().toString(), originalPdf.id().toString(), text.id().toString(),
                            findingsBlob.id().toString(), user.username(), now.atOffset(ZoneOffset.UTC),
                            layout.id().toString())
                    .update();
            String group = CareRelayUser.group(user.institution(), user.role());
            engineAuthorizations.allowStart(group, PROCESS_KEY);
            identityService.setAuthentication(user.username(), user.engineGroups());
            ProcessInstance instance;
            try {
                instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY).businessKey(id)
                        .setVariable("sendingInstitution", referral.sendingInstitution())
                        .setVariable("uploader", user.username())
                        .setVariable("referralId", referralId)
                        .execute();
            } finally {
                identityService.clearAuthentication();
            }
            jdbc.sql("UPDATE clinical_document SET process_instance_id = ? WHERE id = ?")
                    .params(instance.getId(), id).update();
            engineAuthorizations.shareInstance(instance.getId(), List.of(group), List.of());
            audit.write(user, AuditLog.Event.of(AuditAction.CREATE).on("ClinicalDocument", id).referral(referralId)
                    .patient(referral.patientId()).section(RecordSection.DOCUMENTS.name())
                    .processInstance(instance.getId())
                    .detail(extraction.type().mediaType() + ", " + content.length + " bytes, " + findings.size()
                            + " findings"));
            return find(id).orElseThrow();
        });
    }

    // ---- reads ----

    /** The documents of a referral the user may see (the receiving side: released ones only); audited. */
    public List<Document> ofReferral(CareRelayUser user, String referralId) {
        ReferralService.SectionAccess access = readable(user, "Referral", referralId, referralId);
        boolean sending = access.standing().contains(Relationship.SENDING);
        List<Document> documents = jdbc.sql(SELECT + " WHERE referral_id = ? ORDER BY uploaded_at, id")
                .param(referralId).query(ClinicalDocuments::map).list().stream()
                .filter(d -> sending || d.status() == Status.RELEASED).toList();
        audit.write(user, AuditLog.Event.of(AuditAction.SEARCH).on("Referral", referralId).referral(referralId)
                .patient(access.referral().patientId()).section(RecordSection.DOCUMENTS.name())
                .detail("documents returned=" + documents.size()));
        return documents;
    }

    /** A document's metadata and findings (values only for the sending side); audited. */
    public View describe(CareRelayUser user, String documentId) {
        Located located = locate(user, documentId);
        List<StoredFinding> findings = readFindings(located.document());
        if (!located.sending()) {
            findings = findings.stream().map(f -> new StoredFinding(f.number(), f.type(), f.start(), f.end(), null,
                    f.confidence(), f.reason(), f.masked())).toList();
        }
        audit.write(user, event(AuditAction.VIEW, located).detail("document metadata and findings"));
        return new View(located.document(), findings, located.sending());
    }

    /**
     * The document's text. Redacted: the released text for everyone who may read it, a preview with the current masks
     * for the uploader's side during review. Original: only the sending side; always audited.
     */
    public String text(CareRelayUser user, String documentId, Variant variant) {
        return text(user, documentId, variant, ReviewChoices.NONE);
    }

    /** {@link #text(CareRelayUser, String, Variant)} with the uploader's choices, as {@link #content} takes them. */
    public String text(CareRelayUser user, String documentId, Variant variant, ReviewChoices choices) {
        Located located = locate(user, documentId);
        Document d = located.document();
        requirePreviewFor(choices, located, variant);
        String text;
        if (variant == Variant.ORIGINAL) {
            requireSendingSide(user, located, "the original text");
            text = new String(store.read(d.textBlob()), StandardCharsets.UTF_8);
        } else if (d.status() == Status.RELEASED) {
            text = new String(store.read(d.redactedTextBlob()), StandardCharsets.UTF_8);
        } else {
            String stored = new String(store.read(d.textBlob()), StandardCharsets.UTF_8);
            text = masked(stored, previewed(d, stored, choices));
        }
        audit.write(user, event(AuditAction.VIEW, located).detail(described(located, variant, choices) + " text"));
        return text;
    }

    /**
     * The document as a PDF with the viewer's name and staff id, the patient's name and the time (Hong Kong) tiled
     * across every page. Redacted: once released, and as a preview for the uploader's side during review. Original:
     * only the sending side. Each download is audited.
     */
    public byte[] content(CareRelayUser user, String documentId, Variant variant) {
        return content(user, documentId, variant, ReviewChoices.NONE);
    }

    /**
     * {@link #content(CareRelayUser, String, Variant)}, where the preview of a document in review shows the uploader's
     * choices not yet submitted (findings left visible, phrases masked as well), as release would apply them. Choices
     * for anything but that preview are refused as bad input.
     */
    public byte[] content(CareRelayUser user, String documentId, Variant variant, ReviewChoices choices) {
        Located located = locate(user, documentId);
        byte[] pdf = pdfOf(user, located, variant, choices);
        String patient = located.access().referral().patientName();
        byte[] stamped = watermarks.stamp(pdf, new Watermark(user.displayName(), user.username(), patient,
                clock.instant()));
        audit.write(user, event(AuditAction.DOWNLOAD, located).detail(described(located, variant, choices)
                + " PDF, watermarked for " + user.username()));
        return stamped;
    }

    /**
     * The released, redacted copy encrypted for an institution outside CareRelay (CMS EnvelopedData to its X.509
     * certificate, PEM or DER); anyone who may read the document may send it on, the original never leaves. The
     * certificate is checked (parsable, in its validity period) and the export audited with the recipient.
     */
    public byte[] export(CareRelayUser user, String documentId, String certificatePem, CmsFormat format) {
        Located located = locate(user, documentId);
        if (located.document().status() != Status.RELEASED) {
            throw new ConflictException("Only a released document can be exported; its redacted copy is made at release.");
        }
        java.security.cert.X509Certificate recipient;
        try {
            recipient = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(
                            (certificatePem == null ? "" : certificatePem).getBytes(StandardCharsets.US_ASCII)));
            recipient.checkValidity();
        } catch (java.security.cert.CertificateException | ClassCastException e) {
            throw ValidationException.of("certificate", "must be a valid X.509 certificate in PEM, within its validity period");
        }
        byte[] envelope = export.envelope(located.document().redactedBlob(), recipient, format);
        audit.write(user, event(AuditAction.EXPORT, located).detail("redacted copy as CMS " + format + " for "
                + recipient.getSubjectX500Principal().getName() + " (certificate SHA-256 "
                + DocumentExport.fingerprint(recipient) + ")"));
        return envelope;
    }

    /**
     * The PDF of a variant: the original only for the sending side; the redacted copy once released; during review, for
     * the uploader's side (the only side that sees the document then), a preview made on the spot with the masks as
     * found, as the text preview. A withdrawn document has no redacted copy.
     */
    private byte[] pdfOf(CareRelayUser user, Located located, Variant variant, ReviewChoices choices) {
        Document d = located.document();
        requirePreviewFor(choices, located, variant);
        if (variant == Variant.ORIGINAL) {
            requireSendingSide(user, located, "the original");
            return store.read(d.originalPdfBlob());
        }
        if (d.status() == Status.RELEASED) {
            return store.read(d.redactedBlob());
        }
        if (d.status() == Status.IN_REVIEW && located.sending()) {
            String text = new String(store.read(d.textBlob()), StandardCharsets.UTF_8);
            return redactedCopy(d, text, previewed(d, text, choices));
        }
        throw new ConflictException("A withdrawn document has no redacted copy.");
    }

    /** Review choices are for the uploader's preview of a document under review; anywhere else they are bad input. */
    private static void requirePreviewFor(ReviewChoices choices, Located located, Variant variant) {
        if (!choices.isEmpty() && !(variant == Variant.REDACTED && located.document().status() == Status.IN_REVIEW
                && located.sending())) {
            throw ValidationException.of(choices.keepVisible() != null && !choices.keepVisible().isBlank()
                    ? "keepVisible" : "alsoMask",
                    "applies only to the preview of the redacted copy of a document under review. Nothing was shown.");
        }
    }

    /**
     * Applies the choices for a preview, checked first as the review form checks them at completion (its own
     * definition's limits and patterns, then the finding numbers), so that a preview refuses what completing the form
     * would refuse.
     */
    private List<StoredFinding> previewed(Document d, String text, ReviewChoices choices) {
        List<StoredFinding> found = readFindings(d);
        if (!choices.isEmpty()) {
            Map<String, Object> values = new java.util.HashMap<>();
            values.put("decision", "RELEASE");
            values.put("keepVisible", choices.keepVisible());
            values.put("alsoMask", choices.alsoMask());
            FormValidator.validate(forms.byId(REVIEW_FORM).orElseThrow(), values);
            checkFindingNumbers(found, choices.keepVisible(), "Nothing was shown.");
        }
        return reviewed(found, text, choices);
    }

    /**
     * The masks a release with these choices makes: the policy's findings less those left visible, plus every
     * occurrence of each phrase to mask as well (whatever its case), as findings of type MANUAL.
     */
    private static List<StoredFinding> reviewed(List<StoredFinding> found, String text, ReviewChoices choices) {
        Set<Integer> keep = numbers(choices.keepVisible());
        List<StoredFinding> findings = new ArrayList<>();
        for (StoredFinding f : found) {
            findings.add(new StoredFinding(f.number(), f.type(), f.start(), f.end(), f.text(), f.confidence(),
                    f.reason(), f.masked() && !keep.contains(f.number())));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String phrase : phrases(choices.alsoMask())) {
            String needle = phrase.toLowerCase(Locale.ROOT);
            for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length())) {
                findings.add(new StoredFinding(findings.size() + 1, MANUAL, at, at + needle.length(),
                        text.substring(at, at + needle.length()), 1.0, "added by the uploader", true));
            }
        }
        return findings;
    }

    /** Whether the redacted variant asked for is a preview: the document has not been released. */
    private static boolean isPreview(Located located, Variant variant) {
        return variant == Variant.REDACTED && located.document().status() != Status.RELEASED;
    }

    /** What the audit says was opened: a variant, or the redacted preview of a document still in review. */
    private static String described(Located located, Variant variant) {
        return described(located, variant, ReviewChoices.NONE);
    }

    private static String described(Located located, Variant variant, ReviewChoices choices) {
        if (!isPreview(located, variant)) {
            return variant.name().toLowerCase(Locale.ROOT);
        }
        return choices.isEmpty() ? "redacted preview" : "redacted preview with the reviewer's choices (visible: "
                + numbers(choices.keepVisible()).stream().sorted().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ", "[", "]"))
                + ", " + phrases(choices.alsoMask()).size() + " phrases masked as well)";
    }

    /**
     * The redacted PDF of a document with these findings' masks, made from the text and layout stored at upload; a
     * document from before layouts were stored is read again.
     */
    private byte[] redactedCopy(Document d, String text, List<StoredFinding> findings) {
        Extraction read = d.layoutBlob() != null ? readLayout(d, text)
                : timed("extraction", () -> extractor.extract(store.read(d.originalBlob())));
        List<TextSpan> spans = spansOf(read.text(), findings);
        return timed("redaction", () -> redactor.redact(read, spans));
    }

    /**
     * A document opened in the viewer: the PDF to render and the watermark to draw over each page; {@code preview}
     * when it is the redacted copy of a document still in review, made on the spot with the masks as found, or with
     * the uploader's {@code choices} where there are any.
     */
    public record Opened(Document document, byte[] pdf, Watermark watermark, int pages, boolean preview,
            ReviewChoices choices) {
    }

    /**
     * Opens a document for the on-screen viewer, under the same rules as {@link #content}; the opening is audited
     * once, and every rendered page carries the watermark.
     */
    public Opened open(CareRelayUser user, String documentId, Variant variant) {
        return open(user, documentId, variant, ReviewChoices.NONE);
    }

    /** {@link #open(CareRelayUser, String, Variant)} with the uploader's choices, as {@link #content} takes them. */
    public Opened open(CareRelayUser user, String documentId, Variant variant, ReviewChoices choices) {
        Located located = locate(user, documentId);
        byte[] pdf = pdfOf(user, located, variant, choices);
        Watermark watermark = new Watermark(user.displayName(), user.username(),
                located.access().referral().patientName(), clock.instant());
        audit.write(user, event(AuditAction.VIEW, located).detail(described(located, variant, choices)
                + " copy in the viewer, watermarked for " + user.username()));
        return new Opened(located.document(), pdf, watermark, watermarks.pageCount(pdf), isPreview(located, variant),
                choices);
    }

    /** One page of an opened document as a PNG, the watermark drawn on it. */
    public byte[] page(Opened opened, int index) {
        return watermarks.renderPage(opened.pdf(), index, 110f, opened.watermark());
    }

    /**
     * The documents of a referral the user may open, by id, without opening any (not audited: the caller audits what
     * it shows): every document for the sending side, released ones for the receiving side and under emergency
     * access, none without READ on DOCUMENTS. For features that point at documents, such as messages.
     */
    public java.util.Map<String, Document> openableIn(CareRelayUser user, String referralId) {
        Optional<ReferralService.SectionAccess> access = referrals.sectionAccess(user, referralId,
                RecordSection.DOCUMENTS).filter(a -> a.access().allowsRead());
        if (access.isEmpty()) {
            return java.util.Map.of();
        }
        boolean sending = access.get().standing().contains(Relationship.SENDING);
        java.util.Map<String, Document> openable = new java.util.LinkedHashMap<>();
        jdbc.sql(SELECT + " WHERE referral_id = ? ORDER BY uploaded_at, id").param(referralId)
                .query(ClinicalDocuments::map).list().stream()
                .filter(d -> sending || d.status() == Status.RELEASED)
                .forEach(d -> openable.put(d.id(), d));
        return openable;
    }

    /** Whether the user may attach documents to the referral (the sending side with WRITE on DOCUMENTS). */
    public boolean mayUpload(CareRelayUser user, String referralId) {
        return referrals.sectionAccess(user, referralId, RecordSection.DOCUMENTS)
                .filter(a -> a.access().allowsWrite() && a.standing().contains(Relationship.SENDING)).isPresent();
    }

    // ---- review outcome (called by the document-review process) ----

    /**
     * Releases the document: the masks are the policy's findings less those the uploader chose to leave visible,
     * plus every occurrence of the phrases they added; a redacted PDF and text are made from the text and layout
     * stored at upload (a document from before layouts were stored is read again). Runs as an asynchronous step with
     * retries, so a failure is retried, not lost.
     */
    void release(String documentId, String reviewer, String keepVisible, String alsoMask) {
        Document d = find(documentId).orElseThrow(() -> new NotFoundException("No document " + documentId + "."));
        if (d.status() != Status.IN_REVIEW) {
            return;
        }
        String text = new String(store.read(d.textBlob()), StandardCharsets.UTF_8);
        List<StoredFinding> findings = reviewed(readFindings(d), text, new ReviewChoices(keepVisible, alsoMask));
        byte[] redactedPdf = redactedCopy(d, text, findings);
        String redactedText = masked(text, findings);
        int spans = findingsAt(text, findings).size();
        tx.executeWithoutResult(status -> {
            StoredBlob pdf = store.store(BlobKind.REDACTED, DocumentType.PDF.mediaType(), redactedPdf);
            StoredBlob redactedTextBlob = store.store(BlobKind.TEXT, TEXT_PLAIN,
                    redactedText.getBytes(StandardCharsets.UTF_8));
            StoredBlob finalFindings = store.store(BlobKind.FINDINGS, "application/json", write(findings));
            jdbc.sql("""
                    UPDATE clinical_document SET status = ?, redacted_blob = ?, redacted_text_blob = ?,
                        findings_blob = ?, reviewed_by = ?, decided_at = ? WHERE id = ? AND status = ?""")
                    .params(Status.RELEASED.name(), pdf.id().toString(), redactedTextBlob.id().toString(),
                            finalFindings.id().toString(), reviewer, clock.instant().atOffset(ZoneOffset.UTC),
                            documentId, Status.IN_REVIEW.name())
                    .update();
            audit.write(null, AuditLog.Event.of(AuditAction.UPDATE).on("ClinicalDocument", documentId)
                    .referral(d.referralId()).processInstance(d.processInstanceId())
                    .section(RecordSection.DOCUMENTS.name())
                    .detail("released by " + reviewer + " with " + spans + " masked spans"));
        });
    }

    /**
     * Refuses a list of findings to leave visible that names anything but this document's findings: an entry that is
     * not a number, or a number no finding has. Named in a field error on {@code keepVisible}.
     */
    void checkFindingNumbers(String documentId, String keepVisible) {
        if (keepVisible == null || keepVisible.isBlank()) {
            return;
        }
        Document d = find(documentId).orElseThrow(() -> new NotFoundException("No document " + documentId + "."));
        checkFindingNumbers(readFindings(d), keepVisible, "Nothing was saved.");
    }

    private static void checkFindingNumbers(List<StoredFinding> findings, String keepVisible, String outcome) {
        if (keepVisible == null || keepVisible.isBlank()) {
            return;
        }
        Set<Integer> numbers = new java.util.TreeSet<>();
        findings.forEach(f -> numbers.add(f.number()));
        List<String> bad = new ArrayList<>();
        for (String entry : keepVisible.strip().split("[\\s,]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            boolean known = entry.matches("[0-9]{1,6}") && numbers.contains(Integer.parseInt(entry));
            if (!known) {
                bad.add(entry);
            }
        }
        if (bad.isEmpty()) {
            return;
        }
        String which = numbers.isEmpty() ? "this document has no findings"
                : "this document's findings are numbered " + ranges(numbers);
        throw ValidationException.of("keepVisible", (bad.size() == 1 ? "no finding numbered \"" + bad.get(0) + "\""
                : "no findings numbered " + bad.stream().map(b -> "\"" + b + "\"").collect(
                        java.util.stream.Collectors.joining(", "))) + ": " + which + ". " + outcome);
    }

    /** "1-4, 7, 9-10" */
    private static String ranges(Set<Integer> sorted) {
        StringBuilder out = new StringBuilder();
        Integer from = null;
        Integer to = null;
        for (int n : sorted) {
            if (to != null && n == to + 1) {
                to = n;
                continue;
            }
            if (from != null) {
                out.append(out.isEmpty() ? "" : ", ").append(from.equals(to) ? from : from + "–" + to);
            }
            from = n;
            to = n;
        }
        if (from != null) {
            out.append(out.isEmpty() ? "" : ", ").append(from.equals(to) ? from : from + "–" + to);
        }
        return out.toString();
    }

    /** Withdraws the document: it stays stored for the record but is never shown to the receiving side. */
    void withdraw(String documentId, String reviewer, String reason) {
        Document d = find(documentId).orElseThrow(() -> new NotFoundException("No document " + documentId + "."));
        jdbc.sql("""
                UPDATE clinical_document SET status = ?, reviewed_by = ?, decided_at = ?, withdraw_reason = ?
                WHERE id = ? AND status = ?""")
                .params(Status.WITHDRAWN.name(), reviewer, clock.instant().atOffset(ZoneOffset.UTC), reason,
                        documentId, Status.IN_REVIEW.name())
                .update();
        audit.write(null, AuditLog.Event.of(AuditAction.UPDATE).on("ClinicalDocument", documentId)
                .referral(d.referralId()).processInstance(d.processInstanceId())
                .detail("withdrawn by " + reviewer));
    }

    // ---- helpers ----

    Optional<Document> find(String id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(ClinicalDocuments::map).optional();
    }

    /**
     * For the task list: each of the documents with the access of the user to its referral's DOCUMENTS section, where
     * the user may read it. A fixed number of queries for the whole list (documents, referrals, grants, care team).
     */
    Map<String, ReviewCase> reviewCases(CareRelayUser user, Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        List<Document> found = jdbc.sql(SELECT + " WHERE id IN (:ids)").param("ids", List.copyOf(documentIds))
                .query(ClinicalDocuments::map).list();
        Map<String, ReferralService.SectionAccess> access = referrals.sectionAccess(user,
                found.stream().map(Document::referralId).distinct().toList(), RecordSection.DOCUMENTS);
        Map<String, ReviewCase> cases = new java.util.HashMap<>();
        for (Document d : found) {
            ReferralService.SectionAccess a = access.get(d.referralId());
            if (a != null && a.access().allowsRead()) {
                cases.put(d.id(), new ReviewCase(d, a));
            }
        }
        return cases;
    }

    record ReviewCase(Document document, ReferralService.SectionAccess access) {
    }

    /** Where the user stands to a document's referral, if they may read its DOCUMENTS section. */
    Optional<ReferralService.SectionAccess> accessOf(CareRelayUser user, Document document) {
        return referrals.sectionAccess(user, document.referralId(), RecordSection.DOCUMENTS)
                .filter(a -> a.access().allowsRead());
    }

    private record Located(Document document, ReferralService.SectionAccess access, boolean sending) {
    }

    private Located locate(CareRelayUser user, String documentId) {
        Document d = find(documentId).orElseThrow(() -> refused(user, "ClinicalDocument", documentId,
                "no such document", new NotFoundException("No document " + documentId + ".")));
        ReferralService.SectionAccess access = readable(user, "ClinicalDocument", documentId, d.referralId());
        boolean sending = access.standing().contains(Relationship.SENDING);
        if (!sending && d.status() != Status.RELEASED) {
            throw refused(user, "ClinicalDocument", documentId, "document not released to the receiving side",
                    new NotFoundException("No document " + documentId + "."));
        }
        return new Located(d, access, sending);
    }

    private ReferralService.SectionAccess readable(CareRelayUser user, String type, String id, String referralId) {
        ReferralService.SectionAccess access = referrals.sectionAccess(user, referralId, RecordSection.DOCUMENTS)
                .orElseThrow(() -> refused(user, type, id, "outside the user's scope",
                        new NotFoundException("No " + ("Referral".equals(type) ? "referral " : "document ") + id
                                + ".")));
        if (!access.access().allowsRead()) {
            throw refused(user, type, id, "the access policy withholds DOCUMENTS from the role",
                    new ForbiddenException("The access policy withholds documents from your role."));
        }
        return access;
    }

    private void requireSendingSide(CareRelayUser user, Located located, String what) {
        if (!located.sending() || user.role() == Role.ADMIN_STAFF) {
            throw refused(user, "ClinicalDocument", located.document().id(), "original asked for by the receiving side",
                    new ForbiddenException("Only the referring side may open " + what + "; you see the redacted copy."));
        }
    }

    private AuditLog.Event event(AuditAction action, Located located) {
        return AuditLog.Event.of(action).on("ClinicalDocument", located.document().id())
                .referral(located.document().referralId()).patient(located.access().referral().patientId())
                .section(RecordSection.DOCUMENTS.name());
    }

    private <E extends RuntimeException> E refused(CareRelayUser user, String type, String id, String reason, E e) {
        audit.denied(user, type, id, reason);
        return e;
    }

    /** How a page was read: its span of the text, and for a page read by OCR its image's blob and its words. */
    record StoredPage(int start, int end, UUID image, List<Extraction.Word> words) {
    }

    /** A document's layout as stored: its type and its pages. */
    record StoredLayout(DocumentType type, List<StoredPage> pages) {
    }

    /** Stores each scanned page's image, then the layout that names them. Inside the upload's transaction. */
    private StoredBlob storeLayout(Extraction extraction) {
        List<StoredPage> pages = new ArrayList<>();
        for (Extraction.Page page : extraction.pages()) {
            UUID image = page.scanned() ? store.store(BlobKind.RENDERED_PAGE, "image/png", page.image()).id() : null;
            pages.add(new StoredPage(page.start(), page.end(), image, page.scanned() ? page.words() : null));
        }
        try {
            return store.store(BlobKind.LAYOUT, "application/json",
                    json.writeValueAsBytes(new StoredLayout(extraction.type(), pages)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as read at upload: its stored text and layout, and the images of its scanned pages. */
    private Extraction readLayout(Document d, String text) {
        StoredLayout layout;
        try {
            layout = json.readValue(store.read(d.layoutBlob()), StoredLayout.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable layout of document " + d.id(), e);
        }
        List<Extraction.Page> pages = new ArrayList<>();
        for (StoredPage page : layout.pages()) {
            pages.add(page.image() == null ? Extraction.Page.text(page.start(), page.end())
                    : new Extraction.Page(page.start(), page.end(), store.read(page.image()), page.words()));
        }
        return new Extraction(layout.type(), text, pages);
    }

    List<StoredFinding> readFindings(Document d) {
        try {
            return json.readValue(store.read(d.findingsBlob()), new TypeReference<List<StoredFinding>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable findings of document " + d.id(), e);
        }
    }

    private byte[] write(List<StoredFinding> findings) {
        try {
            return json.writeValueAsBytes(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The masked findings as spans of a text (found again by value, so a re-read text with shifted offsets works). */
    private static List<TextSpan> spansOf(String text, List<StoredFinding> findings) {
        return findingsAt(text, findings).stream().map(f -> new TextSpan(f.start(), f.end())).toList();
    }

    private static List<StoredFinding> findingsAt(String text, List<StoredFinding> findings) {
        List<StoredFinding> at = new ArrayList<>();
        for (StoredFinding f : findings) {
            if (!f.masked() || f.text() == null || f.text().isEmpty()) {
                continue;
            }
            for (int i = text.indexOf(f.text()); i >= 0; i = text.indexOf(f.text(), i + 1)) {
                at.add(new StoredFinding(f.number(), f.type(), i, i + f.text().length(), f.text(), f.confidence(),
                        f.reason(), true));
            }
        }
        at.sort(Comparator.comparingInt(StoredFinding::start).thenComparingInt(f -> -f.end()));
        List<StoredFinding> merged = new ArrayList<>();
        for (StoredFinding f : at) {
            if (!merged.isEmpty() && f.start() < merged.get(merged.size() - 1).end()) {
                StoredFinding last = merged.remove(merged.size() - 1);
                merged.add(new StoredFinding(last.number(), last.type(), last.start(), Math.max(last.end(), f.end()),
                        text.substring(last.start(), Math.max(last.end(), f.end())), 1.0, last.reason(), true));
            } else {
                merged.add(f);
            }
        }
        return merged;
    }

    /** The text with each masked finding replaced by its type in brackets ([HKID]); positions of the stored text. */
    static String masked(String text, List<StoredFinding> findings) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (StoredFinding f : findingsAt(text, findings)) {
            out.append(text, at, f.start()).append('[').append(MANUAL.equals(f.type()) ? "MASKED" : f.type()).append(']');
            at = f.end();
        }
        return out.append(text.substring(at)).toString();
    }

    private static Set<Integer> numbers(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        // a number too long to be any finding's stands for none (it must not fail the release step for good)
        return java.util.Arrays.stream(list.strip().split("[\\s,]+")).filter(s -> !s.isBlank() && s.length() <= 6)
                .map(Integer::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    private static List<String> phrases(String lines) {
        if (lines == null || lines.isBlank()) {
            return List.of();
        }
        return lines.lines().map(String::strip).filter(s -> s.length() >= 2).distinct().toList();
    }

    private static final String SELECT = """
            SELECT id, referral_id, category, file_name, media_type, size_bytes, page_count, status, uploaded_by,
                   uploaded_at, reviewed_by, decided_at, withdraw_reason, process_instance_id, original_blob,
                   original_pdf_blob, text_blob, findings_blob, redacted_blob, redacted_text_blob, layout_blob
            FROM clinical_document""";

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : UUID.fromString(value);
    }

    private static Document map(ResultSet rs, int row) throws SQLException {
        return new Document(rs.getString("id"), rs.getString("referral_id"), rs.getString("category"),
                rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size_bytes"),
                rs.getInt("page_count"), Status.valueOf(rs.getString("status")), rs.getString("uploaded_by"),
                instant(rs, "uploaded_at"), rs.getString("reviewed_by"), instant(rs, "decided_at"),
                rs.getString("withdraw_reason"), rs.getString("process_instance_id"), uuid(rs, "original_blob"),
                uuid(rs, "original_pdf_blob"), uuid(rs, "text_blob"), uuid(rs, "findings_blob"),
                uuid(rs, "redacted_blob"), uuid(rs, "redacted_text_blob"), uuid(rs, "layout_blob"));
    }
}
