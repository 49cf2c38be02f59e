package hk.carerelay.discharge;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.workflow.CaseAccess;
import hk.carerelay.workflow.CaseSummary;

/** Tells the task path which handover tasks a user may see, and fills their forms' read-only fields. */
@Component
class DischargeCaseAccess implements CaseAccess {

    private final DischargeHandovers handovers;
    private final RuntimeService runtimeService;

    DischargeCaseAccess(DischargeHandovers handovers, RuntimeService runtimeService) {
        this.handovers = handovers;
        this.runtimeService = runtimeService;
    }

    @Override
    public String processDefinitionKey() {
        return DischargeVariables.PROCESS_KEY;
    }

    @Override
    public Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds) {
        return handovers.visible(user, caseIds).stream()
                .map(h -> new CaseSummary(h.id(), h.referralId(), h.patientName(), "DISCHARGE_" + h.status().name(),
                        null, null, h.hospital(), h.clinic()))
                .collect(Collectors.toMap(CaseSummary::caseId, Function.identity()));
    }

    @Override
    public Map<String, Object> formData(CareRelayUser user, CaseSummary summary, String taskKey, String executionId) {
        String followUpId = DischargeVariables.TASK_FOLLOW_UP.equals(taskKey)
                ? (String) runtimeService.getVariable(executionId, DischargeVariables.FOLLOW_UP_ID) : null;
        String pendingResultId = DischargeVariables.TASK_REVIEW_RESULT.equals(taskKey)
                ? (String) runtimeService.getVariable(executionId, DischargeVariables.PENDING_RESULT_ID) : null;
        return handovers.formData(user, summary.caseId(), taskKey, followUpId, pendingResultId);
    }
}
