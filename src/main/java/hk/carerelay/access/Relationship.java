package hk.carerelay.access;

/** How a user stands to a record; several may hold at once. */
public enum Relationship {
    /** The user's institution sent the referral. */
    SENDING,
    /** The user's institution received it. */
    RECEIVING,
    /** The user works in the department (specialty) the referral is for, at a participating institution. */
    SAME_DEPARTMENT,
    /** The user has been assigned one of the record's tasks. */
    CARE_TEAM,
    /** The user holds an unexpired emergency-access (break-glass) grant to this record, under review. */
    EMERGENCY_ACCESS,
    /**
     * The user's institution received the referral, but no consent of the patient to share it is granted now (ADR
     * 0019). For the policy's question it stands in for RECEIVING, SAME_DEPARTMENT and CARE_TEAM: the table gives it
     * the administrative part only.
     */
    AWAITING_CONSENT,
    /** The user asked for the cross-department consultation. */
    CONSULT_REQUESTER,
    /** The user works in the department asked for the consultation's opinion, at the requester's institution. */
    CONSULTED_DEPARTMENT
}
