package hk.carerelay.audit;

/** What a user did, in the vocabulary of the audit log. */
public enum AuditAction {
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    VIEW,
    SEARCH,
    CREATE,
    TASK_CLAIM,
    TASK_UNCLAIM,
    TASK_COMPLETE,
    CANCELLATION_REQUEST,
    ACCESS_DENIED
}
