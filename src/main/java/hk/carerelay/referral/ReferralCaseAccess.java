package hk.carerelay.referral;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import hk.carerelay.access.AccessPolicy;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.access.SharingConsents;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.workflow.CaseAccess;
import hk.carerelay.workflow.CaseSummary;

/** Tells the task path which referral tasks a user may see, and when a referral's state forbids completing one. */
@Component
class ReferralCaseAccess implements CaseAccess {

    private final ReferralRepository referrals;
    private final AccessPolicy policy;
    private final ReferralRelationships relationships;
    private final SharingConsents consents;

    ReferralCaseAccess(ReferralRepository referrals, AccessPolicy policy, ReferralRelationships relationships,
            SharingConsents consents) {
        this.consents = consents;
        this.referrals = referrals;
        this.policy = policy;
        this.relationships = relationships;
    }

    @Override
    public String processDefinitionKey() {
        return ReferralVariables.PROCESS_KEY;
    }

    @Override
    public Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds) {
        List<Referral> found = referrals.findVisible(caseIds, ReferralScope.of(user));
        // one consent question for the page, as the referral list asks it
        Set<String> awaitingConsent = found.isEmpty() ? Set.of() : ReferralService.awaitingConsent(found,
                consents.sharingGranted(found.stream().map(ReferralService::shared).toList()));
        return found.stream()
                .map(r -> new CaseSummary(r.id(), r.id(),
                        policy.access(user, ReferralRelationships.basic(user, r.sendingInstitution(),
                                r.receivingInstitution(), r.specialty()), RecordSection.DEMOGRAPHICS).allowsRead()
                                ? r.patientName() : null,
                        r.status().name(), r.urgency().name(), r.specialty(), r.sendingInstitution(),
                        r.receivingInstitution(), awaitingConsent.contains(r.id())))
                .collect(Collectors.toMap(CaseSummary::caseId, Function.identity()));
    }

    /**
     * Refuses a form that writes a section the user may not write, work on the main path while a cancellation
     * waits for the receiving side's answer, and the receiving side's work while no consent to share covers the
     * referral (it is paused at the sharing step until the sender re-obtains consent).
     */
    @Override
    public void beforeTaskCompletion(CareRelayUser user, CaseSummary summary, String taskKey, String section) {
        if (section != null) {
            RecordSection written = RecordSection.valueOf(section);
            Set<Relationship> standing = ReferralRelationships.basic(user, summary.sendingInstitution(),
                    summary.receivingInstitution(), summary.specialty());
            if (!policy.access(user, standing, written).allowsWrite()) {
                String processInstance = referrals.find(summary.caseId()).map(Referral::processInstanceId).orElse(null);
                standing = relationships.of(user, summary.sendingInstitution(), summary.receivingInstitution(),
                        summary.specialty(), processInstance);
                if (!policy.access(user, standing, written).allowsWrite()) {
                    throw new ForbiddenException("The access policy does not let your role write " + written + ".");
                }
            }
        }
        Set<Relationship> basic = ReferralRelationships.basic(user, summary.sendingInstitution(),
                summary.receivingInstitution(), summary.specialty());
        if (AccessPolicy.needsSharingConsent(basic) && !ReferralVariables.TASK_CONFIRM_CANCELLATION.equals(taskKey)
                && !ReferralVariables.TASK_HANDLE_SLA_BREACH.equals(taskKey)) {
            // the summary was read for this request (visibleCases) and says it for an open referral; asked again only
            // for a closed one, where it does not
            boolean covered = ReferralStatus.valueOf(summary.status()).isTerminal()
                    ? consents.sharingGranted(summary.caseId()) : !summary.awaitingConsent();
            if (!covered) {
                throw new ConflictException("The patient's consent to share this referral was withdrawn or has "
                        + "expired: it is paused until the referring doctor records consent again.");
            }
        }
        if (ReferralStatus.CANCELLATION_REQUESTED.name().equals(summary.status())
                && !ReferralVariables.TASK_CONFIRM_CANCELLATION.equals(taskKey)
                && !ReferralVariables.TASK_HANDLE_SLA_BREACH.equals(taskKey)) {
            throw new ConflictException(
                    "The referring doctor asked to cancel this referral: confirm or reject the cancellation first.");
        }
    }
}
