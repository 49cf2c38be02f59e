package hk.carerelay.bench;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The ceiling: a process of N user tasks in a row, a candidate group on each, no delegates, listeners, forms or
 * variables, driven through the engine's own API. Deployed by the bench, never part of the application.
 */
final class BareWorkload implements Workload {

    static final String GROUP = "BENCH-BARE";
    static final String USER = "bench.user";

    private final String key;
    private final int userTasks;
    private final RuntimeService runtime;
    private final TaskService taskService;
    private final HistoryService history;

    BareWorkload(int userTasks, RepositoryService repository, RuntimeService runtime, TaskService taskService,
            HistoryService history) {
        this.key = "bench-bare-" + userTasks;
        this.userTasks = userTasks;
        this.runtime = runtime;
        this.taskService = taskService;
        this.history = history;
        repository.createDeployment().name(key).enableDuplicateFiltering(true)
                .addModelInstance(key + ".bpmn", model(key, userTasks)).deploy();
    }

    static BpmnModelInstance model(String key, int userTasks) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(key).name("Bench bare " + userTasks)
                .camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Started").name("Started");
        for (int i = 1; i <= userTasks; i++) {
            flow = flow.userTask("Task_Step" + i).name("Do step " + i).camundaCandidateGroups(GROUP);
        }
        return flow.endEvent("EndEvent_Done").name("Done").done();
    }

    @Override
    public String name() {
        return "bare" + userTasks;
    }

    @Override
    public int userTasks() {
        return userTasks;
    }

    @Override
    public void run(int index, Phases phases) {
        String instanceId = phases.time("start",
                () -> runtime.startProcessInstanceByKey(key, "bench-" + index).getId());
        for (int step = 0; step < userTasks; step++) {
            Task task = phases.time("find", () -> taskService.createTaskQuery().processInstanceId(instanceId)
                    .taskCandidateGroup(GROUP).active().singleResult());
            if (task == null) {
                throw new IllegalStateException(key + " instance " + instanceId + ": no open task at step " + step);
            }
            phases.time("claim", () -> taskService.claim(task.getId(), USER));
            phases.time("complete", () -> taskService.complete(task.getId()));
        }
    }

    @Override
    public long finished() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key).finished().count();
    }
}
