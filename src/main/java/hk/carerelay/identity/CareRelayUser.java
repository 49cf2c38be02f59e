package hk.carerelay.identity;

import java.io.Serializable;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * The signed-in user as every feature sees it: name, role, institution and (for clinical roles) department.
 * Also the principal of the Spring Security authentication.
 */
public record CareRelayUser(String username, String displayName, Role role, String institution, String department)
        implements Principal, Serializable {

    /** Engine group of an institution's users in one role, for example {@code HSC-COORDINATOR}. */
    public static String group(String institution, Role role) {
        return institution + "-" + role.name();
    }

    /** Engine group of an institution's users in one role and department, for example {@code HSC-SPECIALIST-CARDIOLOGY}. */
    public static String group(String institution, Role role, String department) {
        return group(institution, role) + "-" + department;
    }

    /**
     * Engine group of every user of an institution who sees all its referrals ({@link Role#seesInstitutionCases()}),
     * for example {@code HSC-CASES}: a referral's process instance is shared with it once instead of once per role.
     */
    public static String casesGroup(String institution) {
        return institution + "-CASES";
    }

    /** The engine groups this user is a member of; candidate groups of user tasks are drawn from the same names. */
    public List<String> engineGroups() {
        List<String> groups = new ArrayList<>();
        if (role == Role.SYSADMIN) {
            groups.add("camunda-admin");
        }
        groups.add(group(institution, role));
        if (department != null) {
            groups.add(group(institution, role, department));
        }
        if (institution != null && role.seesInstitutionCases()) {
            groups.add(casesGroup(institution));
        }
        return groups;
    }

    public boolean hasRole(Role r) {
        return role == r;
    }

    @Override
    public String getName() {
        return username;
    }
}
