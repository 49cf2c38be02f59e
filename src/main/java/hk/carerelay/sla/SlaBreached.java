package hk.carerelay.sla;

/** A waiting step passed its SLA; published once per late task, in the transaction that raised the breach. */
public record SlaBreached(String taskId, String processKey, String taskKey, String caseId, String institution,
        String urgency) {
}
