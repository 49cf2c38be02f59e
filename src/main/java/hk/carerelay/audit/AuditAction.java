package hk.carerelay.audit;

/** What a user did, in the vocabulary of the audit log. */
public enum AuditAction {
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    LOCKOUT,
    VIEW,
    DOWNLOAD,
    SEARCH,
    CREATE,
    UPDATE,
    TASK_CLAIM,
    TASK_UNCLAIM,
    TASK_COMPLETE,
    CANCELLATION_REQUEST,
    ACCESS_DENIED,
    BREAK_GLASS,
    EXPORT,
    CONSENT_CHANGE,
    KEY_ROTATION,
    CONFIGURATION_CHANGE,
    AUDIT_VERIFY,
    /** Stored content failed its integrity check on reading. */
    DOCUMENT_TAMPERED;

    /** The FHIR AuditEvent action code: C(reate), R(ead), U(pdate), D(elete) or E(xecute). */
    public String fhirCode() {
        return switch (this) {
            case CREATE -> "C";
            case VIEW, DOWNLOAD, SEARCH, EXPORT -> "R";
            case UPDATE, TASK_CLAIM, TASK_UNCLAIM, TASK_COMPLETE, CANCELLATION_REQUEST, CONSENT_CHANGE,
                    CONFIGURATION_CHANGE, KEY_ROTATION -> "U";
            default -> "E";
        };
    }
}
