package hk.carerelay.consent;

/**
 * Who decides for a patient under 16 or without capacity. For a child only a parent or a legal guardian may; for an
 * adult without capacity any of these (a guardian appointed by the Guardianship Board included).
 */
public enum SubstituteRelationship {
    PARENT,
    LEGAL_GUARDIAN,
    SPOUSE,
    CHILD,
    OTHER_RELATIVE,
    APPOINTED_GUARDIAN;

    boolean mayDecideForAChild() {
        return this == PARENT || this == LEGAL_GUARDIAN;
    }
}
