package hk.carerelay.bench;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * The referral's model alone: {@code processes/referral/referral.bpmn} as deployed, with its delegates replaced by one
 * that only sets the transient variables the real ones set, its task listeners and form references removed, driven
 * through the engine's API without a signed-in user, like the bare processes. Same start variables, the same triage
 * decision as the only form value the engine receives. What the engine itself costs for the referral's shape (service
 * tasks, gateways, the SLA timer, the event sub-processes' subscriptions, the variables), without anything CareRelay
 * does around it. Deployed by the bench, never part of the application.
 */
final class ModelWorkload implements Workload {

    static final String KEY = "bench-referral-model";
    private static final List<String[]> STEPS = List.of(
            new String[] {"Task_TriageReferral", "HSC-COORDINATOR", "coord.wong"},
            new String[] {"Task_ScheduleAppointment", "HSC-COORDINATOR", "coord.wong"},
            new String[] {"Task_ConductConsultation", "HSC-SPECIALIST-CARDIOLOGY", "dr.lee"},
            // assigned by the model to the referring doctor, who claims it as in the referral workload
            new String[] {"Task_AcknowledgeOutcome", "KEFC-REFERRING_DOCTOR", "gp.chan"});

    private final RuntimeService runtime;
    private final TaskService taskService;
    private final HistoryService history;

    ModelWorkload(RepositoryService repository, RuntimeService runtime, TaskService taskService,
            HistoryService history) {
        this.runtime = runtime;
        this.taskService = taskService;
        this.history = history;
        repository.createDeployment().name(KEY).enableDuplicateFiltering(true)
                .addModelInstance(KEY + ".bpmn", model()).deploy();
    }

    static BpmnModelInstance model() {
        BpmnModelInstance model;
        try (InputStream in = ModelWorkload.class.getResourceAsStream("/processes/referral/referral.bpmn")) {
            model = Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process referral = model.getModelElementsByType(Process.class).stream()
                .filter(p -> p.getId().equals("referral")).findFirst().orElseThrow();
        referral.setId(KEY);
        referral.setName("Bench referral model");
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
            task.setCamundaClass(TransientOnly.class.getName());
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "formRef");
            task.removeAttributeNs(BpmnModelConstants.CAMUNDA_NS, "formRefBinding");
            ExtensionElements extensions = task.getExtensionElements();
            if (extensions != null) {
                task.removeChildElement(extensions);
            }
        }
        return model;
    }

    /** Sets what the real delegates set as transient variables; does nothing else. */
    public static final class TransientOnly implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            switch (execution.getCurrentActivityId()) {
                case "Task_CheckSharingConsent" ->
                    execution.setVariable("sharingConsented", Variables.booleanValue(true, true));
                case "Task_StartTriageClock" -> execution.setVariable("triageDue",
                        Variables.dateValue(Date.from(Instant.now().plus(Duration.ofDays(3))), true));
                case "Task_RecordAppointment" -> execution.setVariable("appointmentAt",
                        Variables.dateValue(Date.from(Instant.now().plus(Duration.ofDays(7))), true));
                default -> {
                }
            }
        }
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public int userTasks() {
        return STEPS.size();
    }

    @Override
    public void run(int index, Phases phases) {
        String instanceId = phases.time("start", () -> runtime.createProcessInstanceByKey(KEY)
                .businessKey("bench-model-" + index)
                .setVariable("urgency", "ROUTINE").setVariable("specialty", "CARDIOLOGY")
                .setVariable("receivingInstitution", "HSC").setVariable("sendingInstitution", "KEFC")
                .setVariable("referringDoctor", "gp.chan").execute().getId());
        for (String[] step : STEPS) {
            Task task = phases.time("find", () -> taskService.createTaskQuery().processInstanceId(instanceId)
                    .taskCandidateGroup(step[1]).includeAssignedTasks().active().singleResult());
            if (task == null || !task.getTaskDefinitionKey().equals(step[0])) {
                throw new IllegalStateException(KEY + " instance " + instanceId + ": not at " + step[0]);
            }
            phases.time("claim", () -> taskService.claim(task.getId(), step[2]));
            phases.time("complete", () -> {
                if (step[0].equals("Task_TriageReferral")) {
                    taskService.complete(task.getId(), Variables.createVariables().putValue("decision", "ACCEPT"));
                } else {
                    taskService.complete(task.getId());
                }
            });
        }
    }

    @Override
    public long finished() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().count();
    }
}
