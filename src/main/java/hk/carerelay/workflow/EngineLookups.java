package hk.carerelay.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 */
@Component
class EngineLookups {

    /** Ids per native query, well below every database's limit on bind parameters. */
    private static final int IDS_PER_QUERY = 500;

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

    /** The running process instance, or null. */
    ProcessInstance processInstance(String processInstanceId) {
        return runtimeService.createNativeProcessInstanceQuery()
                .sql("SELECT * FROM " + executionTable + " WHERE ID_ = #{id} AND PARENT_ID_ IS NULL")
                .parameter("id", processInstanceId)
                .singleResult();
    }

    /** The running process instances among the given ids. */
    List<ProcessInstance> processInstances(Collection<String> processInstanceIds) {
        List<String> ids = List.copyOf(processInstanceIds);
        List<ProcessInstance> instances = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            NativeProcessInstanceQuery query = runtimeService.createNativeProcessInstanceQuery();
            StringJoiner in = new StringJoiner(", ",
                    "SELECT * FROM " + executionTable + " WHERE PARENT_ID_ IS NULL AND ID_ IN (", ")");
            for (int i = 0; i < chunk.size(); i++) {
                in.add("#{id" + i + "}");
                query.parameter("id" + i, chunk.get(i));
            }
            instances.addAll(query.sql(in.toString()).list());
        }
        return instances;
    }
}
