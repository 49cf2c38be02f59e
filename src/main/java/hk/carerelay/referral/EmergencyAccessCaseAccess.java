package hk.carerelay.referral;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.workflow.CaseAccess;
import hk.carerelay.workflow.CaseSummary;

/**
 * The cases of the emergency-access review: only the managers of the institution whose clinician broke the glass
 * see them. The summary carries no patient data; the review screen shows who, when and why.
 */
@Component
class EmergencyAccessCaseAccess implements CaseAccess {

    private final EmergencyAccess emergencyAccess;

    EmergencyAccessCaseAccess(EmergencyAccess emergencyAccess) {
        this.emergencyAccess = emergencyAccess;
    }

    @Override
    public String processDefinitionKey() {
        return EmergencyAccess.PROCESS_KEY;
    }

    @Override
    public Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds) {
        if (user.role() != Role.MANAGER) {
            return Map.of();
        }
        return emergencyAccess.ofInstitution(user.institution(), caseIds).stream()
                .map(g -> new CaseSummary(g.id(), g.referralId(), null,
                        g.reviewOutcome() == null ? "UNDER_REVIEW" : g.reviewOutcome(), null, null, null, null))
                .collect(Collectors.toMap(CaseSummary::caseId, Function.identity()));
    }
}
