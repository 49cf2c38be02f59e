package hk.carerelay.referral;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.workflow.CaseAccess;
import hk.carerelay.workflow.CaseSummary;

/** Tells the task path which referral tasks a user may see, and when a referral's state forbids completing one. */
@Component
class ReferralCaseAccess implements CaseAccess {

    private final ReferralRepository referrals;

    ReferralCaseAccess(ReferralRepository referrals) {
        this.referrals = referrals;
    }

    @Override
    public String processDefinitionKey() {
        return ReferralVariables.PROCESS_KEY;
    }

    @Override
    public Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds) {
        return referrals.findVisible(caseIds, ReferralScope.of(user)).stream()
                .map(r -> new CaseSummary(r.id(), r.id(), r.patientName(), r.status().name(), r.urgency().name(),
                        r.specialty(), r.sendingInstitution(), r.receivingInstitution()))
                .collect(Collectors.toMap(CaseSummary::caseId, Function.identity()));
    }

    /** Refuses work on the main path while a cancellation waits for the receiving side's answer. */
    @Override
    public void beforeTaskCompletion(CaseSummary summary, String taskKey) {
        if (ReferralStatus.CANCELLATION_REQUESTED.name().equals(summary.status())
                && !ReferralVariables.TASK_CONFIRM_CANCELLATION.equals(taskKey)
                && !ReferralVariables.TASK_HANDLE_SLA_BREACH.equals(taskKey)) {
            throw new ConflictException(
                    "The referring doctor asked to cancel this referral: confirm or reject the cancellation first.");
        }
    }
}
