package hk.carerelay.sla;

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
 * The cases of the SLA-breach process (business key: the late task's id): only the managers of the institution the
 * late step waits for see them, with no patient data; the task screen names the process and step that is late.
 */
@Component
class SlaBreachCaseAccess implements CaseAccess {

    private final SlaClocks clocks;

    SlaBreachCaseAccess(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public String processDefinitionKey() {
        return SlaMonitor.PROCESS_KEY;
    }

    @Override
    public Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds) {
        if (user.role() != Role.MANAGER) {
            return Map.of();
        }
        return clocks.breachedOf(user.institution(), caseIds).stream()
                .map(c -> new CaseSummary(c.taskId(), null, null,
                        "BREACHED", c.urgency(), null, null, c.institution()))
                .collect(Collectors.toMap(CaseSummary::caseId, Function.identity()));
    }
}
