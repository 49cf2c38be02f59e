package hk.carerelay.consultation;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import hk.carerelay.access.AccessPolicy;
import hk.carerelay.access.RecordSection;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.workflow.CaseAccess;
import hk.carerelay.workflow.CaseSummary;

/**
 * Tells the task path which consultation tasks a user may see (the policy's CONSULTATION section, from how the user
 * stands to the consultation), and seals the opinion into the document store instead of the submission table.
 */
@Component
class ConsultationCaseAccess implements CaseAccess {

    private final ConsultationRepository consultations;
    private final ConsultationTexts texts;
    private final AccessPolicy policy;

    ConsultationCaseAccess(ConsultationRepository consultations, ConsultationTexts texts, AccessPolicy policy) {
        this.consultations = consultations;
        this.texts = texts;
        this.policy = policy;
    }

    @Override
    public String processDefinitionKey() {
        return ConsultationVariables.PROCESS_KEY;
    }

    @Override
    public Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds) {
        return consultations.findAll(caseIds).stream()
                .filter(c -> ConsultationService.mayRead(policy, user, c))
                .map(c -> new CaseSummary(c.id(), c.referralId(), c.patientName(), c.status().name(), c.urgency(),
                        c.consultedDepartment(), c.institution(), c.institution()))
                .collect(Collectors.toMap(CaseSummary::caseId, Function.identity()));
    }

    @Override
    public void beforeTaskCompletion(CareRelayUser user, CaseSummary summary, String taskKey, String section) {
        if (section != null) {
            RecordSection written = RecordSection.valueOf(section);
            var consultation = consultations.find(summary.caseId()).orElseThrow();
            if (!policy.access(user, ConsultationService.standing(user, consultation), written).allowsWrite()) {
                throw new ForbiddenException("The access policy does not let your role write " + written + ".");
            }
        }
    }

    @Override
    public Map<String, Object> submissionToStore(CareRelayUser user, CaseSummary summary, String taskKey,
            Map<String, Object> values) {
        if (!ConsultationVariables.TASK_ANSWER.equals(taskKey)) {
            return values;
        }
        return texts.sealOpinion(summary.caseId(), user.username(), values);
    }
}
