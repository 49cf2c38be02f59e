package hk.carerelay.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/** A case's timeline, built from the engine's history: steps started and finished, claims, timers and ends. */
@Component
public class ProcessTimeline {

    private static final String SYSTEM = "system";

    private final HistoryService history;

    ProcessTimeline(HistoryService history) {
        this.history = history;
    }

    public List<TimelineEntry> of(String processInstanceId) {
        List<TimelineEntry> entries = new ArrayList<>();
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return entries;
        }
        Map<String, String> taskNames = new HashMap<>();
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).orderPartiallyByOccurrence().asc().list();
        for (HistoricActivityInstance a : activities) {
            String name = a.getActivityName() != null ? a.getActivityName() : a.getActivityId();
            switch (a.getActivityType()) {
                case "startEvent", "messageStartEvent", "escalationStartEvent" -> entries.add(new TimelineEntry(
                        a.getStartTime().toInstant(),
                        instance.getStartUserId() != null && "startEvent".equals(a.getActivityType())
                                ? instance.getStartUserId() : SYSTEM,
                        name, a.getActivityId(), a.getActivityType()));
                case "userTask" -> {
                    taskNames.put(a.getTaskId(), name);
                    entries.add(new TimelineEntry(a.getStartTime().toInstant(), SYSTEM, name + ": task created",
                            a.getActivityId(), "taskCreated"));
                    if (a.getEndTime() != null) {
                        entries.add(new TimelineEntry(a.getEndTime().toInstant(),
                                a.getAssignee() != null ? a.getAssignee() : SYSTEM,
                                name + (a.isCanceled() ? ": task withdrawn" : ": completed"), a.getActivityId(),
                                a.isCanceled() ? "taskCancelled" : "taskCompleted"));
                    }
                }
                case "serviceTask" -> {
                    if (a.getEndTime() != null && !a.isCanceled()) {
                        entries.add(new TimelineEntry(a.getEndTime().toInstant(), SYSTEM, name, a.getActivityId(),
                                a.getActivityType()));
                    }
                }
                case "boundaryTimer", "intermediateTimer" -> entries.add(new TimelineEntry(a.getStartTime().toInstant(),
                        SYSTEM, name, a.getActivityId(), "timer"));
                case "noneEndEvent", "escalationEndEvent", "terminateEndEvent", "errorEndEvent" -> entries.add(
                        new TimelineEntry(a.getStartTime().toInstant(), SYSTEM, name, a.getActivityId(), "end"));
                default -> {
                    // gateways, subprocess scopes: not meaningful to a reader of the timeline
                }
            }
        }
        List<TimelineEntry> claims = new ArrayList<>();
        List<HistoricIdentityLinkLog> links = new ArrayList<>();
        for (String taskId : taskNames.keySet()) {
            links.addAll(history.createHistoricIdentityLinkLogQuery().taskId(taskId).type(IdentityLinkType.ASSIGNEE)
                    .list());
        }
        for (HistoricIdentityLinkLog link : links) {
            String task = taskNames.getOrDefault(link.getTaskId(), "Task");
            boolean add = "add".equals(link.getOperationType());
            String actor = link.getAssignerId() != null ? link.getAssignerId() : SYSTEM;
            if (add && SYSTEM.equals(actor)) {
                continue; // assigned by the model itself (the referring doctor's own steps)
            }
            claims.add(new TimelineEntry(link.getTime().toInstant(), actor,
                    task + (add ? ": claimed by " + link.getUserId() : ": released by " + actor), null,
                    add ? "taskClaimed" : "taskReleased"));
        }
        // Claims first, so that a claim made in the same instant as the completion it precedes is listed before it.
        claims.addAll(entries);
        claims.sort(Comparator.comparing(TimelineEntry::at));
        return claims;
    }
}
