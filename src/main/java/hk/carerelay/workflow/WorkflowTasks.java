package hk.carerelay.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormField;
import hk.carerelay.form.FormValidator;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.NotFoundException;

/**
 * The one task path. Every task read, claim and completion, from the API or the UI, goes through here, so scope,
 * role, form validation and audit are checked the same way everywhere.
 */
@Service
public class WorkflowTasks {

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final FormRegistry forms;
    private final TaskSubmissions submissions;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, CaseAccess> caseAccess;

    WorkflowTasks(TaskService taskService, RuntimeService runtimeService, HistoryService historyService,
            RepositoryService repositoryService, IdentityService identityService, FormRegistry forms,
            TaskSubmissions submissions, AuditLog audit, Clock clock, List<CaseAccess> caseAccess) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.forms = forms;
        this.submissions = submissions;
        this.audit = audit;
        this.clock = clock;
        this.caseAccess = caseAccess.stream().collect(Collectors.toMap(CaseAccess::processDefinitionKey, Function.identity()));
    }

    /**
     * The user's own tasks and the unclaimed tasks of their groups, soonest due first, each within the user's scope.
     * The list names patients, so looking at it is audited.
     */
    @Transactional
    public List<TaskView> tasksFor(CareRelayUser user) {
        List<Task> tasks = taskService.createTaskQuery()
                .or().taskAssignee(user.username()).taskCandidateGroupIn(user.engineGroups()).endOr()
                .active().initializeFormKeys().list();
        List<TaskView> views = views(user, tasks);
        audit.record(user, AuditAction.SEARCH, "tasks returned=" + views.size());
        return views.stream()
                .sorted(Comparator.comparing(TaskView::due, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(TaskView::priority, Comparator.reverseOrder())
                        .thenComparing(TaskView::created))
                .toList();
    }

    /** Open tasks of one case that the user may see (for the case's detail page). */
    @Transactional(readOnly = true)
    public List<TaskView> openTasksOfCase(CareRelayUser user, String caseId) {
        return views(user, taskService.createTaskQuery().processInstanceBusinessKey(caseId).active()
                .initializeFormKeys().list());
    }

    /** The task names its patient, so the read is audited (and a look outside the user's scope as a denial). */
    @Transactional
    public TaskView task(CareRelayUser user, String taskId) {
        Located located = find(user, taskId);
        audit.task(user, AuditAction.VIEW, taskId, located.caseId(), located.task().getTaskDefinitionKey());
        return view(user, located.task());
    }

    @Transactional
    public FormDefinition form(CareRelayUser user, String taskId) {
        return forms.forTask(find(user, taskId).task());
    }

    @Transactional
    public TaskView claim(CareRelayUser user, String taskId) {
        Located located = find(user, taskId);
        Task task = located.task();
        requireCandidate(user, task, located.caseId());
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw new ConflictException("This task is already claimed by " + task.getAssignee() + ".");
        }
        if (task.getAssignee() == null) {
            taskService.setAssignee(taskId, user.username());
            audit.task(user, AuditAction.TASK_CLAIM, taskId, located.caseId(), task.getTaskDefinitionKey());
        }
        return task(user, taskId);
    }

    @Transactional
    public TaskView unclaim(CareRelayUser user, String taskId) {
        Located located = find(user, taskId);
        Task task = located.task();
        if (task.getAssignee() == null) {
            return view(user, task);
        }
        if (!task.getAssignee().equals(user.username())) {
            throw new ConflictException("This task is claimed by " + task.getAssignee() + "; only they can release it.");
        }
        taskService.setAssignee(taskId, null);
        audit.task(user, AuditAction.TASK_UNCLAIM, taskId, located.caseId(), task.getTaskDefinitionKey());
        return task(user, taskId);
    }

    /**
     * Validates the values against the task's form, stores them and completes the task, all in one transaction:
     * a failure anywhere (a delegate included) leaves nothing behind.
     */
    @Transactional
    public TaskSubmission complete(CareRelayUser user, String taskId, Map<String, ?> values) {
        Located located = find(user, taskId);
        Task task = located.task();
        requireCandidate(user, task, located.caseId());
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw new ConflictException("This task is claimed by " + task.getAssignee() + ".");
        }
        FormDefinition form = forms.forTask(task);
        Map<String, Object> validated = FormValidator.validate(form, values);
        located.access().beforeTaskCompletion(located.caseId(), task.getTaskDefinitionKey());

        TaskSubmission submission;
        try {
            submission = submissions.save(new TaskSubmission(null, located.caseId(), taskId,
                    task.getTaskDefinitionKey(), form.id(), validated, user.username(), clock.instant()),
                    task.getProcessInstanceId());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("This task has just been completed by someone else; nothing was saved.", e);
        }
        VariableMap engineVariables = Variables.createVariables();
        for (FormField field : form.fields()) {
            if (field.engineVariable() && validated.containsKey(field.key())) {
                engineVariables.putValue(field.key(), validated.get(field.key()));
            }
        }
        identityService.setAuthentication(user.username(), user.engineGroups());
        try {
            if (task.getAssignee() == null) {
                taskService.setAssignee(taskId, user.username());
            }
            taskService.complete(taskId, engineVariables);
        } finally {
            identityService.clearAuthentication();
        }
        audit.task(user, AuditAction.TASK_COMPLETE, taskId, located.caseId(), task.getTaskDefinitionKey());
        return submission;
    }

    private record Located(Task task, String caseId, CaseAccess access) {
    }

    /**
     * The open task, if it exists and its case is in the user's scope. A task outside the scope answers 404; a task
     * that was completed already answers 409.
     */
    private Located find(CareRelayUser user, String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (done != null && done.getEndTime() != null && caseOf(done.getProcessInstanceId())
                    .map(c -> isVisible(user, c.caseId(), c.access())).orElse(false)) {
                throw new ConflictException("This task has already been completed.");
            }
            throw new NotFoundException("No task " + taskId + ".");
        }
        Optional<CaseRef> ref = caseOf(task.getProcessInstanceId());
        if (ref.isEmpty() || !isVisible(user, ref.get().caseId(), ref.get().access())) {
            audit.denied(user, "Task", taskId, "task outside the user's scope");
            throw new NotFoundException("No task " + taskId + ".");
        }
        if (task.isSuspended()) {
            throw new ConflictException("This task is suspended.");
        }
        return new Located(task, ref.get().caseId(), ref.get().access());
    }

    private void requireCandidate(CareRelayUser user, Task task, String caseId) {
        if (user.username().equals(task.getAssignee())) {
            return;
        }
        Set<String> groups = new HashSet<>(user.engineGroups());
        boolean candidate = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .map(IdentityLink::getGroupId)
                .anyMatch(groups::contains);
        if (!candidate) {
            audit.denied(user, "Task", task.getId(), "user not in the task's candidate groups");
            throw new ForbiddenException("This step is for another role or team; you cannot work on it.");
        }
    }

    private boolean isVisible(CareRelayUser user, String caseId, CaseAccess access) {
        return access.visibleCases(user, List.of(caseId)).containsKey(caseId);
    }

    private record CaseRef(String caseId, CaseAccess access) {
    }

    private Optional<CaseRef> caseOf(String processInstanceId) {
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        String businessKey;
        String definitionId;
        if (pi != null) {
            businessKey = pi.getBusinessKey();
            definitionId = pi.getProcessDefinitionId();
        } else {
            var hpi = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                    .singleResult();
            if (hpi == null) {
                return Optional.empty();
            }
            businessKey = hpi.getBusinessKey();
            definitionId = hpi.getProcessDefinitionId();
        }
        CaseAccess access = caseAccess.get(definitionKey(definitionId));
        return access == null || businessKey == null ? Optional.empty() : Optional.of(new CaseRef(businessKey, access));
    }

    private String definitionKey(String processDefinitionId) {
        return repositoryService.getProcessDefinition(processDefinitionId).getKey();
    }

    private TaskView view(CareRelayUser user, Task task) {
        List<TaskView> views = views(user, List.of(task));
        if (views.isEmpty()) {
            throw new NotFoundException("No task " + task.getId() + ".");
        }
        return views.get(0);
    }

    /** Task views for the tasks whose cases the user may see, with the case summaries loaded in one query per feature. */
    private List<TaskView> views(CareRelayUser user, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Set<String> processInstanceIds = tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, ProcessInstance> instances = runtimeService.createProcessInstanceQuery()
                .processInstanceIds(processInstanceIds).list().stream()
                .collect(Collectors.toMap(ProcessInstance::getId, Function.identity()));
        Map<String, List<String>> caseIdsByKey = new HashMap<>();
        Map<String, String> keyOfInstance = new HashMap<>();
        for (ProcessInstance pi : instances.values()) {
            String key = definitionKey(pi.getProcessDefinitionId());
            keyOfInstance.put(pi.getId(), key);
            caseIdsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(pi.getBusinessKey());
        }
        Map<String, CaseSummary> summaries = new HashMap<>();
        caseIdsByKey.forEach((key, caseIds) -> {
            CaseAccess access = caseAccess.get(key);
            if (access != null) {
                summaries.putAll(access.visibleCases(user, caseIds));
            }
        });
        List<TaskView> views = new ArrayList<>();
        for (Task task : tasks) {
            ProcessInstance pi = instances.get(task.getProcessInstanceId());
            CaseSummary summary = pi == null ? null : summaries.get(pi.getBusinessKey());
            if (summary == null) {
                continue;
            }
            String processKey = keyOfInstance.get(pi.getId());
            views.add(new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(),
                    summary.referralId(), processKey, task.getAssignee(),
                    task.getCreateTime().toInstant(), task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                    task.getCamundaFormRef() != null ? task.getCamundaFormRef().getKey() : task.getFormKey(),
                    task.getPriority(), summary));
        }
        return views;
    }
}
