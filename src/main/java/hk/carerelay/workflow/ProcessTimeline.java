package hk.carerelay.workflow;

import java.time.Instant;
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
        Map<String, Instant> taskCreated = new HashMap<>();
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
                    taskCreated.put(a.getTaskId(), a.getStartTime().toInstant());
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
            Instant at = link.getTime().toInstant();
            String event;
            String actor;
            if (!"add".equals(link.getOperationType())) {
                actor = link.getAssignerId() != null ? link.getAssignerId() : link.getUserId();
                event = task + ": released by " + actor;
            } else if (link.getUserId().equals(link.getAssignerId())) {
                actor = link.getUserId();
                event = task + ": claimed by " + actor;
            } else {
                // Assigned by someone else; at the moment the task was created that is the process model itself.
                Instant created = taskCreated.get(link.getTaskId());
                boolean byModel = created != null && !at.isAfter(created.plusSeconds(1));
                actor = byModel || link.getAssignerId() == null ? SYSTEM : link.getAssignerId();
                event = task + ": assigned to " + link.getUserId();
            }
            claims.add(new TimelineEntry(at, actor, event, null,
                    "add".equals(link.getOperationType()) ? "taskAssigned" : "taskReleased"));
        }
        // Claims first, so that a claim made in the same instant as the completion it precedes is listed before it.
        claims.addAll(entries);
        claims.sort(Comparator.comparing(TimelineEntry::at));
        return claims;
    }
}
