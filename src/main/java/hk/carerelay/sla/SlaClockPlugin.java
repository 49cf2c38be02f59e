package hk.carerelay.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Starts an SLA clock on every user task of every deployed process whose step is configured
 * ({@link SlaProperties}), without a line in any model: a parse listener gives each user task a listener that, when
 * the task is created, sets its due date (unless the model set one, such as an appointment) and records the clock,
 * and stops the clock when the task completes or is cancelled.
 */
@Component
class SlaClockPlugin extends AbstractProcessEnginePlugin {

    static final String URGENCY_VARIABLE = "urgency";
    static final String INSTITUTION_VARIABLE = "institution";
    /** The case's receiving institution and specialty, where its process has them (the referral process does). */
    static final String CASE_INSTITUTION_VARIABLE = "receivingInstitution";
    static final String CASE_SPECIALTY_VARIABLE = "specialty";

    private final SlaProperties properties;
    private final SlaClocks clocks;

    SlaClockPlugin(SlaProperties properties, SlaClocks clocks) {
        this.properties = properties;
        this.clocks = clocks;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        TaskListener start = this::start;
        TaskListener stop = this::stop;
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    TaskDefinition definition = behavior.getTaskDefinition();
                    definition.addTaskListener(TaskListener.EVENTNAME_CREATE, start);
                    definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, stop);
                    definition.addTaskListener(TaskListener.EVENTNAME_DELETE, stop);
                }
            }
        });
    }

    void start(DelegateTask task) {
        String processKey = processKey(task);
        if (processKey == null || !properties.isClocked(processKey, task.getTaskDefinitionKey())) {
            return;
        }
        String urgency = text(task.getVariable(URGENCY_VARIABLE));
        Optional<Duration> sla = properties.of(processKey, task.getTaskDefinitionKey(), urgency);
        if (sla.isEmpty()) {
            return;
        }
        Instant started = task.getCreateTime() == null ? ClockUtil.now().toInstant() : task.getCreateTime().toInstant();
        Instant due = started.plus(sla.get());
        if (task.getDueDate() == null) {
            task.setDueDate(Date.from(due));
        }
        clocks.start(new SlaClock(task.getId(), processKey, task.getTaskDefinitionKey(), task.getProcessInstanceId(),
                task.getExecution().getProcessBusinessKey(), institution(task), urgency, started, due, null, null,
                null, text(task.getVariable(CASE_INSTITUTION_VARIABLE)), text(task.getVariable(CASE_SPECIALTY_VARIABLE))));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    void stop(DelegateTask task) {
        String processKey = processKey(task);
        if (processKey != null && properties.isClocked(processKey, task.getTaskDefinitionKey())) {
            clocks.stop(task.getId(), ClockUtil.now().toInstant());
        }
    }

    private static String processKey(DelegateTask task) {
        if (!(task.getExecution() instanceof ExecutionEntity execution) || execution.getProcessDefinition() == null) {
            return null;
        }
        return execution.getProcessDefinition().getKey();
    }

    /**
     * The institution whose managers answer for the step: the prefix of its first candidate group (groups are named
     * {@code <institution>-<role>[-<department>]}), else the process's {@code institution} variable.
     */
    private static String institution(DelegateTask task) {
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
                    && link.getGroupId().contains("-")) {
                return link.getGroupId().substring(0, link.getGroupId().indexOf('-'));
            }
        }
        Object institution = task.getVariable(INSTITUTION_VARIABLE);
        return institution == null ? null : institution.toString();
    }
}
