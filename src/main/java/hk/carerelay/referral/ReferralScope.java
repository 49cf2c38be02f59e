package hk.carerelay.referral;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * Which referrals a user may see, as one SQL predicate used by every query: those their institution sends or
 * receives; interns only those of their own department. Auditors and system administrators see none here (they
 * have their own tools), nor does any role not listed: deny by default.
 */
record ReferralScope(String sql, Map<String, Object> params) {

    private static final ReferralScope NONE = new ReferralScope(null, Map.of());

    static ReferralScope of(CareRelayUser user) {
        if (user == null || user.institution() == null
                || !user.role().seesInstitutionCases() && user.role() != Role.INTERN) {
            return NONE;
        }
        String sql = "(r.sending_institution = :scopeInstitution OR r.receiving_institution = :scopeInstitution)";
        if (user.role() == Role.INTERN) {
            if (user.department() == null) {
                return NONE;
            }
            return new ReferralScope(sql + " AND r.specialty = :scopeDepartment",
                    Map.of("scopeInstitution", user.institution(), "scopeDepartment", user.department()));
        }
        return new ReferralScope(sql, Map.of("scopeInstitution", user.institution()));
    }

    /**
     * The engine groups that see a referral between the two institutions: the same people as the SQL predicate
     * (each institution's group of users who see all its referrals, and its interns of the referral's specialty).
     */
    static List<String> engineGroups(String sending, String receiving, String specialty) {
        List<String> groups = new ArrayList<>();
        for (String institution : new LinkedHashSet<>(List.of(sending, receiving))) {
            groups.add(CareRelayUser.casesGroup(institution));
            groups.add(CareRelayUser.group(institution, Role.INTERN, specialty));
        }
        return groups;
    }

    /** The column each of {@link #parts()} fixes to the user's institution, in the same order. */
    static final List<String> PART_INSTITUTIONS = List.of("r.receiving_institution", "r.sending_institution");

    /**
     * The scope as two disjoint parts, received and sent (not to oneself), so that each is served in date order by
     * an index on (institution, created_at) instead of the database sorting every referral of the institution.
     */
    List<String> parts() {
        String department = params.containsKey("scopeDepartment") ? " AND r.specialty = :scopeDepartment" : "";
        return List.of("r.receiving_institution = :scopeInstitution" + department,
                "r.sending_institution = :scopeInstitution AND r.receiving_institution <> :scopeInstitution"
                        + department);
    }

    /**
     * The referrals the user's own institution received that the user may see: the first of {@link #parts()}. Only
     * the institution (and, for interns, the specialty) are tested, so a count of them by status reads index entries
     * alone.
     */
    String received() {
        return parts().get(0);
    }

    boolean isEmpty() {
        return sql == null;
    }
}
