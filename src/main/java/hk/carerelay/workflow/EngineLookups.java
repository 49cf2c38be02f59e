package hk.carerelay.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.runtime.NativeProcessInstanceQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tasks and process instances read by id for the task path, through the engine's native queries. The criteria
 * queries ({@code createTaskQuery().taskId(..)}) build their SQL from large dynamic mappings on every call, which cost
 * more CPU than everything else in a task step (docs/performance.md); a read by primary key needs none of that. Same
 * rows, same entities; native queries skip the engine's authorization and tenant checks, and every caller checks the
 * case's scope itself (ADR 0008, ADR 0010). Tasks read here carry no form key ({@link Task#getFormKey()} throws): see
 * {@link FormRegistry#literalFormKey(Task)}.
 *
 * <p>A process instance's business key (the case id) and definition are fixed when it starts: CareRelay neither changes
 * business keys nor migrates instances. So they are kept, for the most recently used instances, once read: each step
 * of the task path needs them, and reading them again cost one engine command and one statement per step.
 */
@Component
class EngineLookups {

    /** Ids per native query, well below every database's limit on bind parameters. */
    private static final int IDS_PER_QUERY = 500;

    /** How many process instances' case ids are kept: more than a large institution's open cases. */
    static final int INSTANCES_KEPT = 20_000;

    /** A process instance as the task path needs it: its id, case id (business key) and process definition. */
    record Instance(String id, String businessKey, String processDefinitionId) {
    }

    /** The instances read so far, least recently used first; bounded by {@link #INSTANCES_KEPT}. */
    private final Map<String, Instance> instances = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Instance> eldest) {
                    return size() > INSTANCES_KEPT;
                }
            });

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final String taskTable;
    private final String executionTable;
    private final String identityLinkTable;
    private final JdbcClient jdbc;

    EngineLookups(TaskService taskService, RuntimeService runtimeService, ManagementService managementService,
            JdbcClient jdbc) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.jdbc = jdbc;
        this.taskTable = managementService.getTableName(Task.class);
        this.executionTable = managementService.getTableName(ProcessInstance.class);
        this.identityLinkTable = managementService.getTableName(IdentityLinkEntity.class);
    }

    /**
     * The task's candidate groups. Read directly: the engine's own read checks authorization first and fails with a
     * NullPointerException on a task that a concurrent request has just completed, where this finds no rows.
     */
    List<String> candidateGroups(String taskId) {
        return jdbc.sql("SELECT GROUP_ID_ FROM " + identityLinkTable
                + " WHERE TASK_ID_ = ? AND TYPE_ = 'candidate' AND GROUP_ID_ IS NOT NULL")
                .param(taskId).query(String.class).list();
    }

    /** The task (active or suspended), or null. */
    Task task(String taskId) {
        return taskService.createNativeTaskQuery()
                .sql("SELECT * FROM " + taskTable + " WHERE ID_ = #{id}")
                .parameter("id", taskId)
                .singleResult();
    }

    /**
     * The process instance, or null if it is not running. Once read, the answer is kept: an instance that has ended
     * since is still answered, which is right for its tasks' history and harmless for the running tasks it no longer
     * has.
     */
    Instance processInstance(String processInstanceId) {
        Instance known = instances.get(processInstanceId);
        if (known != null) {
            return known;
        }
        List<Instance> read = processInstances(List.of(processInstanceId));
        return read.isEmpty() ? null : read.get(0);
    }

    /** The process instances among the given ids: those kept, and the running ones read for the rest. */
    List<Instance> processInstances(Collection<String> processInstanceIds) {
        List<Instance> found = new ArrayList<>(processInstanceIds.size());
        List<String> ids = new ArrayList<>();
        for (String id : processInstanceIds) {
            Instance known = instances.get(id);
            if (known != null) {
                found.add(known);
            } else {
                ids.add(id);
            }
        }
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            NativeProcessInstanceQuery query = runtimeService.createNativeProcessInstanceQuery();
            StringJoiner in = new StringJoiner(", ",
                    "SELECT * FROM " + executionTable + " WHERE PARENT_ID_ IS NULL AND ID_ IN (", ")");
            for (int i = 0; i < chunk.size(); i++) {
                in.add("#{id" + i + "}");
                query.parameter("id" + i, chunk.get(i));
            }
            for (ProcessInstance pi : query.sql(in.toString()).list()) {
                Instance instance = new Instance(pi.getId(), pi.getBusinessKey(), pi.getProcessDefinitionId());
                instances.put(instance.id(), instance);
                found.add(instance);
            }
        }
        return found;
    }

    /** Forgets the instances read so far (tests). */
    void forgetInstances() {
        instances.clear();
    }
}
