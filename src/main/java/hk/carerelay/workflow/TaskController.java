package hk.carerelay.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import hk.carerelay.identity.CurrentUser;
import hk.carerelay.shared.ValidationException;

/** The caller's tasks: list, read a task's form, claim, release and complete. */
@RestController
class TaskController {

    private final WorkflowTasks tasks;

    TaskController(WorkflowTasks tasks) {
        this.tasks = tasks;
    }

    /** {@code awaitingConsent}: as in {@link CaseSummary}; the receiving side's work on the referral waits. */
    record TaskResponse(String id, String taskKey, String name, String referralId, String assignee, Instant created,
            Instant due, String formKey, int priority, String patientName, String status, boolean awaitingConsent,
            String urgency, String specialty) {

        static TaskResponse of(TaskView t) {
            CaseSummary s = t.summary();
            return new TaskResponse(t.id(), t.taskKey(), t.name(), t.referralId(), t.assignee(), t.created(), t.due(),
                    t.formKey(), t.priority(), s.patientName(), s.status(), s.awaitingConsent(), s.urgency(),
                    s.specialty());
        }
    }

    record CompletionResponse(String taskId, String submissionId, Instant completedAt) {
    }

    @GetMapping("/api/tasks")
    List<TaskResponse> list() {
        return tasks.tasksFor(CurrentUser.require()).stream().map(TaskResponse::of).toList();
    }

    @GetMapping("/api/tasks/{id}")
    TaskResponse get(@PathVariable String id) {
        return TaskResponse.of(tasks.task(CurrentUser.require(), id));
    }

    @GetMapping(value = "/api/tasks/{id}/form", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> form(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(tasks.form(CurrentUser.require(), id).json());
    }

    @PostMapping("/api/tasks/{id}/claim")
    TaskResponse claim(@PathVariable String id) {
        return TaskResponse.of(tasks.claim(CurrentUser.require(), id));
    }

    @PostMapping("/api/tasks/{id}/unclaim")
    TaskResponse unclaim(@PathVariable String id) {
        return TaskResponse.of(tasks.unclaim(CurrentUser.require(), id));
    }

    @PostMapping("/api/tasks/{id}/complete")
    CompletionResponse complete(@PathVariable String id, @RequestBody(required = false) Map<String, Object> values) {
        if (values == null) {
            throw ValidationException.of("body", "send the form's fields as a JSON object");
        }
        TaskSubmission submission = tasks.complete(CurrentUser.require(), id, values);
        return new CompletionResponse(id, submission.id(), submission.submittedAt());
    }
}
