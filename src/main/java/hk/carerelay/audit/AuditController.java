package hk.carerelay.audit;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;

/** Verification of the audit log and export of its signed checkpoints (auditors and system administrators). */
@RestController
class AuditController {

    private final AuditVerifier verifier;
    private final AuditSealer sealer;
    private final AuditLog audit;

    AuditController(AuditVerifier verifier, AuditSealer sealer, AuditLog audit) {
        this.verifier = verifier;
        this.sealer = sealer;
        this.audit = audit;
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
}
