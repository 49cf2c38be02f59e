package hk.carerelay.identity;

/** The roles a CareRelay user can hold; every user holds exactly one. */
public enum Role {
    REFERRING_DOCTOR,
    COORDINATOR,
    SPECIALIST,
    NURSE,
    INTERN,
    ADMIN_STAFF,
    MANAGER,
    AUDITOR,
    SYSADMIN,
    /** Reads the operations metrics (/actuator/prometheus) and nothing else: for the monitoring system's account. */
    METRICS;

    /**
     * Roles whose users see every referral their institution sends or receives. Interns see only their department's,
     * and auditors, system administrators and the metrics account none (they have their own tools).
     */
    public boolean seesInstitutionCases() {
        return this == REFERRING_DOCTOR || this == COORDINATOR || this == SPECIALIST || this == NURSE
                || this == ADMIN_STAFF || this == MANAGER;
    }

    /** Roles whose users work in one department (specialty) of their institution. */
    public boolean isDepartmental() {
        return this == SPECIALIST || this == NURSE || this == INTERN;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
