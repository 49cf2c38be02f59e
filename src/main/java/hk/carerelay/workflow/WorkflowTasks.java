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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one task path. Every task read, claim and completion, from the API or the UI, goes through here, so scope,
 * role, form validation and audit are checked the same way everywhere.
 */
@Service
public class WorkflowTasks {

    private final TaskService taskService;
    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final EngineLookups lookups;
    private final FormRegistry forms;
    private final TaskSubmissions submissions;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, CaseAccess> caseAccess;
    private final CommandExecutor commandExecutor;
    private final MeterRegistry meters;
    /** Process definition id to key; a definition id never changes its key, so each is looked up once. */
    private final Map<String, String> definitionKeys = new ConcurrentHashMap<>();

    WorkflowTasks(TaskService taskService, HistoryService historyService,
            RepositoryService repositoryService, IdentityService identityService, EngineLookups lookups,
            FormRegistry forms, TaskSubmissions submissions, AuditLog audit, Clock clock, List<CaseAccess> caseAccess,
            ProcessEngineConfigurationImpl engineConfiguration, MeterRegistry meters) {
        this.meters = meters;
        this.taskService = taskService;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.lookups = lookups;
        this.forms = forms;
        this.submissions = submissions;
        this.audit = audit;
        this.clock = clock;
        this.caseAccess = caseAccess.stream().collect(Collectors.toMap(CaseAccess::processDefinitionKey, Function.identity()));
        this.commandExecutor = engineConfiguration.getCommandExecutorTxRequired();
    }

    /**
     * The user's own tasks and the unclaimed tasks of their groups, soonest due first, each within the user's scope.
     * The list names patients, so looking at it is audited.
     */
    @Transactional
    public List<TaskView> tasksFor(CareRelayUser user) {
        List<Task> tasks = taskService.createTaskQuery()
                .or().taskAssignee(user.username()).taskCandidateGroupIn(user.engineGroups()).endOr()
                .active().list();
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
        return views(user, taskService.createTaskQuery().processInstanceBusinessKey(caseId).active().list());
    }

    /** The task names its patient, so the read is audited (and a look outside the user's scope as a denial). */
    @Transactional
    public TaskView task(CareRelayUser user, String taskId) {
        Located located = find(user, taskId);
        audit.task(user, AuditAction.VIEW, located.task(), located.caseId());
        return view(located.task(), located);
    }

    @Transactional
    public FormDefinition form(CareRelayUser user, String taskId) {
        return forms.forTask(find(user, taskId).task());
    }

    /** The values of the task form's read-only fields, supplied by the case's feature (empty for most forms). */
    @Transactional
    public Map<String, Object> formData(CareRelayUser user, String taskId) {
        Located located = find(user, taskId);
        return formData(user, located);
    }

    private Map<String, Object> formData(CareRelayUser user, Located located) {
        FormDefinition form = forms.forTask(located.task());
        if (form.fields().stream().noneMatch(FormField::readonly)) {
            return Map.of();
        }
        return located.access().formData(user, located.summary(), located.task().getTaskDefinitionKey(),
                located.task().getExecutionId());
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
            assign(taskId, user.username());
            audit.task(user, AuditAction.TASK_CLAIM, task, located.caseId());
            // The assignment is the only change, so the view is the task read above with its new assignee: reading the
            // task again would be one more engine command per claim for the same row.
            return view(task, user.username(), located);
        }
        return view(task, located);
    }

    @Transactional
    public TaskView unclaim(CareRelayUser user, String taskId) {
        Located located = find(user, taskId);
        Task task = located.task();
        if (task.getAssignee() == null) {
            return view(task, located);
        }
        if (!task.getAssignee().equals(user.username())) {
            throw new ConflictException("This task is claimed by " + task.getAssignee() + "; only they can release it.");
        }
        assign(taskId, null);
        audit.task(user, AuditAction.TASK_UNCLAIM, task, located.caseId());
        return view(task, null, located);
    }

    /**
     * Validates the values against the task's form, stores them and completes the task, all in one transaction:
     * a failure anywhere (a delegate included) leaves nothing behind.
     */
    @Transactional
    public TaskSubmission complete(CareRelayUser user, String taskId, Map<String, ?> values) {
        Timer.Sample sample = Timer.start(meters);
        String taskKey = "unknown";
        String outcome = "refused";
        try {
            Located located = find(user, taskId);
            taskKey = located.task().getTaskDefinitionKey();
            TaskSubmission submission = complete(user, taskId, values, located);
            outcome = "completed";
            return submission;
        } finally {
            // server time of the step (scope, form validation, delegates), by BPMN task id; the commit is not included
            sample.stop(Timer.builder("carerelay.task.completion").description("Time to complete a task on the task path")
                    .tag("task", taskKey).tag("outcome", outcome).register(meters));
        }
    }

    private TaskSubmission complete(CareRelayUser user, String taskId, Map<String, ?> values, Located located) {
        Task task = located.task();
        requireCandidate(user, task, located.caseId());
        if (task.getAssignee() != null && !task.getAssignee().equals(user.username())) {
            throw new ConflictException("This task is claimed by " + task.getAssignee() + ".");
        }
        FormDefinition form = forms.forTask(task);
        Map<String, Object> validated = FormValidator.validate(form, values, formData(user, located));
        located.access().beforeTaskCompletion(user, located.summary(), task.getTaskDefinitionKey(),
                form.properties().get("section"));
        located.access().checkSubmission(located.summary(), task.getTaskDefinitionKey(), validated);
        Map<String, Object> stored = located.access().submissionToStore(user, located.summary(),
                task.getTaskDefinitionKey(), validated);

        TaskSubmission submission;
        try {
            submission = submissions.save(new TaskSubmission(null, located.caseId(), taskId,
                    task.getTaskDefinitionKey(), form.id(), stored, user.username(), clock.instant()),
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
        // The engine runs the completion as the user (its completion guard, operation log and the next tasks' grants
        // need them), but does not repeat its own authorization check: the path has checked scope, candidate group,
        // case state and section above, which is stricter than the engine's grant (ADR 0010).
        // The assignment stays a command of its own: in one command with the completion, the engine would write the
        // activity's history once, as ended, without its assignee.
        identityService.setAuthentication(user.username(), user.engineGroups());
        try {
            if (task.getAssignee() == null) {
                taskService.setAssignee(taskId, user.username());
            }
            commandExecutor.execute(commandContext -> commandContext.runWithoutAuthorization(() -> {
                taskService.complete(taskId, engineVariables);
                return null;
            }));
        } catch (NullValueException | NullPointerException e) {
            // Another completion committed between our read and our write: the engine no longer has the task.
            throw goneOr(taskId, e, "This task has just been completed by someone else; nothing was saved.");
        } finally {
            identityService.clearAuthentication();
        }
        audit.task(user, AuditAction.TASK_COMPLETE, task, located.caseId());
        return submission;
    }

    /** Sets the assignee; a task that another request completed meanwhile is a conflict, not an error. */
    private void assign(String taskId, String username) {
        try {
            taskService.setAssignee(taskId, username);
        } catch (NullValueException | NullPointerException e) {
            throw goneOr(taskId, e, "This task has just been completed by someone else.");
        }
    }

    /** A conflict if the task has gone meanwhile; otherwise the failure as it was (a real error). */
    private RuntimeException goneOr(String taskId, RuntimeException failure, String message) {
        if (failure instanceof NullValueException || lookups.task(taskId) == null) {
            return new ConflictException(message, failure);
        }
        return failure;
    }

    private record Located(Task task, String caseId, CaseAccess access, String processKey, CaseSummary summary) {
    }

    /**
     * The open task, if it exists and its case is in the user's scope. A task outside the scope answers 404; a task
     * that was completed already answers 409.
     */
    private Located find(CareRelayUser user, String taskId) {
        Task task = lookups.task(taskId);
        if (task == null) {
            HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (done != null && done.getEndTime() != null && caseOf(done.getProcessInstanceId())
                    .map(c -> isVisible(user, c.caseId(), c.access())).orElse(false)) {
                throw new ConflictException("This task has already been completed.");
            }
            throw new NotFoundException("No task " + taskId + ".");
        }
        Optional<CaseRef> ref = caseOf(task.getProcessInstanceId());
        CaseSummary summary = ref.map(r -> r.access().visibleCases(user, List.of(r.caseId())).get(r.caseId()))
                .orElse(null);
        if (summary == null) {
            audit.denied(user, "Task", taskId, "task outside the user's scope");
            throw new NotFoundException("No task " + taskId + ".");
        }
        if (task.isSuspended()) {
            throw new ConflictException("This task is suspended.");
        }
        return new Located(task, ref.get().caseId(), ref.get().access(), ref.get().processKey(), summary);
    }

    private void requireCandidate(CareRelayUser user, Task task, String caseId) {
        if (user.username().equals(task.getAssignee())) {
            return;
        }
        Set<String> groups = new HashSet<>(user.engineGroups());
        boolean candidate = lookups.candidateGroups(task.getId()).stream().anyMatch(groups::contains);
        if (!candidate) {
            // no candidate links also when another request completed the task since we read it: they went with it
            RuntimeException refused = new ForbiddenException(
                    "This step is for another role or team; you cannot work on it.");
            RuntimeException answer = goneOr(task.getId(), refused,
                    "This task has just been completed by someone else; nothing was saved.");
            if (answer == refused) {
                audit.denied(user, "Task", task.getId(), "user not in the task's candidate groups");
            }
            throw answer;
        }
    }

    private boolean isVisible(CareRelayUser user, String caseId, CaseAccess access) {
        return access.visibleCases(user, List.of(caseId)).containsKey(caseId);
    }

    private record CaseRef(String caseId, CaseAccess access, String processKey) {
    }

    private Optional<CaseRef> caseOf(String processInstanceId) {
        EngineLookups.Instance pi = lookups.processInstance(processInstanceId);
        String businessKey;
        String definitionId;
        if (pi != null) {
            businessKey = pi.businessKey();
            definitionId = pi.processDefinitionId();
        } else {
            var hpi = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                    .singleResult();
            if (hpi == null) {
                return Optional.empty();
            }
            businessKey = hpi.getBusinessKey();
            definitionId = hpi.getProcessDefinitionId();
        }
        String processKey = definitionKey(definitionId);
        CaseAccess access = caseAccess.get(processKey);
        return access == null || businessKey == null ? Optional.empty()
                : Optional.of(new CaseRef(businessKey, access, processKey));
    }

    private String definitionKey(String processDefinitionId) {
        String key = definitionKeys.get(processDefinitionId);
        if (key == null) {
            key = repositoryService.getProcessDefinition(processDefinitionId).getKey();
            definitionKeys.put(processDefinitionId, key);
        }
        return key;
    }

    /**
     * The view of a task read by id, whose case was located (and scope-checked) in this transaction: the case is not
     * read again, and the form key comes from the model unless only the engine can resolve it.
     */
    private TaskView view(Task task, Located located) {
        return view(task, task.getAssignee(), located);
    }

    private TaskView view(Task task, String assignee, Located located) {
        String formKey = forms.literalFormKey(task).orElseGet(() -> formKey(
                taskService.createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult()));
        return view(task, assignee, formKey, located.processKey(), located.summary());
    }

    /** The form key of a task from a query with {@code initializeFormKeys()}. */
    private static String formKey(Task task) {
        if (task == null) {
            return null;
        }
        return task.getCamundaFormRef() != null ? task.getCamundaFormRef().getKey() : task.getFormKey();
    }

    private static TaskView view(Task task, String assignee, String formKey, String processKey, CaseSummary summary) {
        return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), summary.referralId(), processKey,
                assignee, task.getCreateTime().toInstant(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(), formKey, task.getPriority(), summary);
    }

    /** Task views for the tasks whose cases the user may see, with the case summaries loaded in one query per feature. */
    private List<TaskView> views(CareRelayUser user, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Set<String> processInstanceIds = tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, EngineLookups.Instance> instances = lookups.processInstances(processInstanceIds).stream()
                .collect(Collectors.toMap(EngineLookups.Instance::id, Function.identity()));
        Map<String, List<String>> caseIdsByKey = new HashMap<>();
        Map<String, String> keyOfInstance = new HashMap<>();
        for (EngineLookups.Instance pi : instances.values()) {
            String key = definitionKey(pi.processDefinitionId());
            keyOfInstance.put(pi.id(), key);
            caseIdsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(pi.businessKey());
        }
        Map<String, CaseSummary> summaries = new HashMap<>();
        caseIdsByKey.forEach((key, caseIds) -> {
            CaseAccess access = caseAccess.get(key);
            if (access != null) {
                summaries.putAll(access.visibleCases(user, caseIds));
            }
        });
        List<Task> visible = tasks.stream().filter(task -> {
            EngineLookups.Instance pi = instances.get(task.getProcessInstanceId());
            return pi != null && summaries.containsKey(pi.businessKey());
        }).toList();
        Map<String, String> formKeys = formKeys(visible);
        List<TaskView> views = new ArrayList<>();
        for (Task task : visible) {
            EngineLookups.Instance pi = instances.get(task.getProcessInstanceId());
            views.add(view(task, task.getAssignee(), formKeys.get(task.getId()), keyOfInstance.get(pi.id()),
                    summaries.get(pi.businessKey())));
        }
        return views;
    }

    /**
     * The form keys of tasks read without {@code initializeFormKeys()}: from the model where it names the form with a
     * literal (every task of the processes here), otherwise from one engine query for the rest. Initialising them in
     * the list's query made the engine read each task's process definition and evaluate its form key every time.
     */
    private Map<String, String> formKeys(List<Task> tasks) {
        Map<String, String> keys = new HashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (Task task : tasks) {
            Optional<String> literal = forms.literalFormKey(task);
            if (literal.isPresent()) {
                keys.put(task.getId(), literal.get());
            } else {
                unresolved.add(task.getId());
            }
        }
        if (!unresolved.isEmpty()) {
            for (Task task : taskService.createTaskQuery().taskIdIn(unresolved.toArray(String[]::new))
                    .initializeFormKeys().list()) {
                keys.put(task.getId(), formKey(task));
            }
        }
        return keys;
    }
}
