package hk.carerelay.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.CurrentUser;
import hk.carerelay.patient.Hkid;
import hk.carerelay.shared.ValidationException;

/**
 * The audit log over HTTP: verification and checkpoint export (auditors and system administrators), search, CSV and
 * FHIR AuditEvent export and the per-patient access report (auditors). Every use is itself audited.
 */
@RestController
class AuditController {

    private final AuditVerifier verifier;
    private final AuditSealer sealer;
    private final AuditLog audit;
    private final AuditSearch search;
    private final AuditQueryParser parser;
    private final AuditExports exports;

    AuditController(AuditVerifier verifier, AuditSealer sealer, AuditLog audit, AuditSearch search,
            AuditQueryParser parser, AuditExports exports) {
        this.verifier = verifier;
        this.sealer = sealer;
        this.audit = audit;
        this.search = search;
        this.parser = parser;
        this.exports = exports;
    }

    @GetMapping("/api/audit/verify")
    @PreAuthorize("hasAnyRole('AUDITOR', 'SYSADMIN')")
    AuditVerifier.Result verify() {
        AuditVerifier.Result result = verifier.sealAndVerify();
        audit.write(CurrentUser.require(), AuditLog.Event.of(AuditAction.AUDIT_VERIFY)
                .outcome(result.valid() ? "SUCCESS" : "FAILURE")
                .detail("entries=" + result.entriesChecked() + " checkpoints=" + result.checkpointsChecked()
                        + (result.firstFailure() == null ? "" : " first failure at " + result.firstFailure().seq())));
        return result;
    }

    record CheckpointExport(long treeSize, String rootHash, String chainHead, String signedAt, String keyId,
            String signature) {
    }

    /** The signed checkpoints, to keep outside CareRelay (a file an auditor archives) and compare later. */
    @GetMapping("/api/audit/checkpoints")
    @PreAuthorize("hasAnyRole('AUDITOR', 'SYSADMIN')")
    ResponseEntity<List<CheckpointExport>> checkpoints() {
        audit.write(CurrentUser.require(), AuditLog.Event.of(AuditAction.EXPORT).detail("audit checkpoints"));
        List<CheckpointExport> body = sealer.checkpoints().stream()
                .map(c -> new CheckpointExport(c.treeSize(), c.rootHash(), c.chainHead(), c.signedAt().toString(),
                        c.keyId(), c.signature()))
                .toList();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"carerelay-audit-checkpoints.json\"")
                .body(body);
    }

    record SearchResponse(List<AuditEntry> items, String next, String from, String to) {
    }

    @GetMapping("/api/audit/events")
    @PreAuthorize("hasRole('AUDITOR')")
    SearchResponse events(@RequestParam(required = false) String patient, @RequestParam(required = false) String user,
            @RequestParam(required = false) String referral, @RequestParam(required = false) String action,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") int size) {
        AuditQuery query = parser.parse(patient, user, referral, action, outcome, from, to, AuditQuery.DEFAULT_DAYS);
        if (size < 1 || size > AuditSearch.MAX_PAGE) {
            throw ValidationException.of("size", "must be between 1 and " + AuditSearch.MAX_PAGE);
        }
        AuditSearch.Position position = null;
        if (after != null && !after.isBlank()) {
            try {
                position = AuditSearch.Position.parse(after.strip());
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("after", "is not a position returned by a previous page");
            }
        }
        AuditSearch.Page page = search.page(query, position, size);
        audit.write(CurrentUser.require(), AuditLog.Event.of(AuditAction.SEARCH).on("AuditLog", null)
                .patient(AuditQueryParser.NO_SUCH_PATIENT.equals(query.patientId()) ? null : query.patientId())
                .detail(AuditExports.describe(query) + " returned=" + page.items().size()));
        return new SearchResponse(page.items(), page.next() == null ? null : page.next().token(),
                query.from().toString(), query.to().toString());
    }

    @GetMapping(value = "/api/audit/events.csv", produces = "text/csv")
    @PreAuthorize("hasRole('AUDITOR')")
    ResponseEntity<StreamingResponseBody> csv(@RequestParam(required = false) String patient,
            @RequestParam(required = false) String user, @RequestParam(required = false) String referral,
            @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        AuditQuery query = parser.parse(patient, user, referral, action, outcome, from, to, AuditQuery.DEFAULT_DAYS);
        CareRelayUser caller = CurrentUser.require();
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"carerelay-audit.csv\"")
                .body(out -> exports.csv(caller, query, out));
    }

    @GetMapping(value = "/api/audit/events.fhir.json", produces = "application/fhir+json")
    @PreAuthorize("hasRole('AUDITOR')")
    ResponseEntity<StreamingResponseBody> fhir(@RequestParam(required = false) String patient,
            @RequestParam(required = false) String user, @RequestParam(required = false) String referral,
            @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        AuditQuery query = parser.parse(patient, user, referral, action, outcome, from, to, AuditQuery.DEFAULT_DAYS);
        CareRelayUser caller = CurrentUser.require();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"carerelay-audit.fhir.json\"")
                .body(out -> exports.fhir(caller, query, out));
    }

    /** Who accessed this patient's record, as PDF (a data access request under PDPO DPP6). */
    @GetMapping(value = "/api/audit/patients/{hkid}/access-report", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    ResponseEntity<byte[]> accessReport(@PathVariable String hkid, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        if (Hkid.parse(hkid).isEmpty()) {
            throw ValidationException.of("hkid", "is not a valid HKID");
        }
        AuditQuery query = parser.parse(hkid, null, null, null, null, from, to, AuditQuery.MAX_DAYS);
        byte[] pdf = exports.accessReport(CurrentUser.require(), hkid, query);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"access-report-" + Hkid.parse(hkid).get().value() + ".pdf\"")
                .body(pdf);
    }
}
