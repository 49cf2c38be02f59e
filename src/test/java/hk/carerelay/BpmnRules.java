package hk.carerelay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Escalation;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Signal;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The house rules for BPMN models (docs: STYLE "BPMN, DMN and forms"). Each rule returns its violations as
 * "{@code elementId: problem}", so a failing check says exactly which element to fix.
 */
final class BpmnRules {

    static final String COMPLETION_GUARD = "${taskCompletionGuard}";

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** After the type prefix, a readable PascalCase name: {@code Task_TriageReferral}, not {@code Task_0x1ab2c}. */
    private static final Pattern READABLE_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{([a-z][A-Za-z0-9]*)}");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{.+}");

    private BpmnRules() {
    }

    /** Every violation of every rule, for a model stored in a file of that name. */
    static List<String> all(String fileName, BpmnModelInstance model, Set<String> formIds) {
        List<String> violations = new ArrayList<>();
        violations.addAll(process(fileName, model));
        violations.addAll(names(model));
        violations.addAll(diagram(model));
        violations.addAll(ids(model));
        violations.addAll(userTasks(model, formIds));
        violations.addAll(serviceTasks(model));
        violations.addAll(flow(model));
        return violations;
    }

    /** One executable process per file, its id in kebab-case and equal to the file name, with a history TTL. */
    static List<String> process(String fileName, BpmnModelInstance model) {
        List<String> violations = new ArrayList<>();
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        if (processes.size() != 1) {
            violations.add(fileName + ": holds " + processes.size() + " processes, expected exactly one");
        }
        String expectedId = fileName.replaceFirst("\\.bpmn$", "");
        for (Process p : processes) {
            if (!p.getId().equals(expectedId)) {
                violations.add(p.getId() + ": process id must equal the file name '" + expectedId + "'");
            }
            if (!KEBAB_CASE.matcher(p.getId()).matches()) {
                violations.add(p.getId() + ": process id must be kebab-case");
            }
            if (!p.isExecutable()) {
                violations.add(p.getId() + ": process is not executable");
            }
            if (blank(p.getCamundaHistoryTimeToLiveString())) {
                violations.add(p.getId() + ": camunda:historyTimeToLive is not set");
            }
            if (blank(p.getName())) {
                violations.add(p.getId() + ": process has no name");
            }
        }
        return violations;
    }

    /** Every flow node has a name, and every flow leaving a decision says which condition it stands for. */
    static List<String> names(BpmnModelInstance model) {
        List<String> violations = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (blank(node.getName())) {
                violations.add(node.getId() + ": has no name");
            }
        }
        Map<String, List<SequenceFlow>> outgoingFlows = outgoing(model);
        for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
            List<SequenceFlow> outgoing = outgoingFlows.getOrDefault(gateway.getId(), List.of());
            if (outgoing.size() < 2) {
                continue;
            }
            for (SequenceFlow flow : outgoing) {
                if (blank(flow.getName())) {
                    violations.add(flow.getId() + ": leaves decision " + gateway.getId() + " without a name");
                }
                if (flow.getConditionExpression() == null && flow != gateway.getDefault()) {
                    violations.add(flow.getId() + ": leaves decision " + gateway.getId()
                            + " with neither a condition nor being the default flow");
                }
            }
        }
        return violations;
    }

    /** Every flow node has a shape and every sequence flow an edge, so modelers and Cockpit can draw the process. */
    static List<String> diagram(BpmnModelInstance model) {
        Set<String> shapes = new HashSet<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            if (shape.getBpmnElement() != null) {
                shapes.add(shape.getBpmnElement().getId());
            }
        }
        Set<String> edges = new HashSet<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (edge.getBpmnElement() != null) {
                edges.add(edge.getBpmnElement().getId());
            }
        }
        List<String> violations = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (!shapes.contains(node.getId())) {
                violations.add(node.getId() + ": has no diagram shape (BPMNShape)");
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (!edges.contains(flow.getId())) {
                violations.add(flow.getId() + ": has no diagram edge (BPMNEdge)");
            }
        }
        return violations;
    }

    /** Element ids carry their type and a readable name: {@code Task_TriageReferral}, {@code Timer_TriageSla}. */
    static List<String> ids(BpmnModelInstance model) {
        List<BaseElement> elements = new ArrayList<>();
        elements.addAll(model.getModelElementsByType(FlowElement.class));
        elements.addAll(model.getModelElementsByType(EventDefinition.class));
        elements.addAll(model.getModelElementsByType(Message.class));
        elements.addAll(model.getModelElementsByType(Escalation.class));
        elements.addAll(model.getModelElementsByType(Error.class));
        elements.addAll(model.getModelElementsByType(Signal.class));
        List<String> violations = new ArrayList<>();
        for (BaseElement element : elements) {
            String prefix = idPrefix(element);
            String type = element.getElementType().getTypeName();
            if (prefix == null) {
                violations.add(element.getId() + ": no id rule for elements of type " + type + "; add one");
            } else if (element.getId() == null || !element.getId().startsWith(prefix)
                    || !READABLE_NAME.matcher(element.getId().substring(prefix.length())).matches()) {
                violations.add(element.getId() + ": the id of a " + type + " must look like " + prefix + "ReadableName");
            }
        }
        return violations;
    }

    static String idPrefix(BaseElement element) {
        if (element instanceof Task || element instanceof CallActivity) {
            return "Task_";
        }
        if (element instanceof SubProcess) {
            return "SubProcess_";
        }
        if (element instanceof Gateway) {
            return "Gateway_";
        }
        if (element instanceof StartEvent) {
            return "StartEvent_";
        }
        if (element instanceof EndEvent) {
            return "EndEvent_";
        }
        if (element instanceof BoundaryEvent || element instanceof IntermediateCatchEvent) {
            return catchPrefix((CatchEvent) element);
        }
        if (element instanceof IntermediateThrowEvent) {
            return "Event_";
        }
        if (element instanceof SequenceFlow) {
            return "Flow_";
        }
        if (element instanceof Message) {
            return "Message_";
        }
        if (element instanceof Escalation) {
            return "Escalation_";
        }
        if (element instanceof Error) {
            return "Error_";
        }
        if (element instanceof Signal) {
            return "Signal_";
        }
        if (element instanceof EventDefinition) {
            String type = element.getElementType().getTypeName();
            return Character.toUpperCase(type.charAt(0)) + type.substring(1) + "_";
        }
        return null;
    }

    private static String catchPrefix(CatchEvent event) {
        Collection<EventDefinition> definitions = event.getEventDefinitions();
        if (definitions.size() != 1) {
            return "Event_";
        }
        EventDefinition definition = definitions.iterator().next();
        if (definition instanceof TimerEventDefinition) {
            return "Timer_";
        }
        if (definition instanceof MessageEventDefinition) {
            return "Message_";
        }
        if (definition instanceof ErrorEventDefinition) {
            return "Error_";
        }
        if (definition instanceof EscalationEventDefinition) {
            return "Escalation_";
        }
        if (definition instanceof SignalEventDefinition) {
            return "Signal_";
        }
        if (definition instanceof ConditionalEventDefinition) {
            return "Conditional_";
        }
        if (definition instanceof CompensateEventDefinition) {
            return "Compensation_";
        }
        return "Event_";
    }

    /**
     * User tasks go to candidate groups (an assignee only as an expression), show a deployed form bound to the
     * process's own deployment, and carry the completion guard.
     */
    static List<String> userTasks(BpmnModelInstance model, Set<String> formIds) {
        List<String> violations = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String id = task.getId();
            if (blank(task.getCamundaCandidateGroups())) {
                violations.add(id + ": has no camunda:candidateGroups");
            }
            if (task.getCamundaAssignee() != null && !EXPRESSION.matcher(task.getCamundaAssignee()).matches()) {
                violations.add(id + ": hard-codes the assignee '" + task.getCamundaAssignee() + "'");
            }
            if (task.getCamundaFormKey() != null) {
                violations.add(id + ": uses camunda:formKey; use camunda:formRef to a .form file");
            }
            if (blank(task.getCamundaFormRef())) {
                violations.add(id + ": has no camunda:formRef");
            } else if (!formIds.contains(task.getCamundaFormRef())) {
                violations.add(id + ": camunda:formRef '" + task.getCamundaFormRef() + "' names no form in forms/");
            }
            if (!"deployment".equals(task.getCamundaFormRefBinding())) {
                violations.add(id + ": camunda:formRefBinding must be \"deployment\", is " + task.getCamundaFormRefBinding());
            }
            boolean guarded = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaTaskListener.class).list().stream()
                    .anyMatch(l -> "complete".equals(l.getCamundaEvent())
                            && COMPLETION_GUARD.equals(l.getCamundaDelegateExpression()));
            if (!guarded) {
                violations.add(id + ": lacks the complete listener " + COMPLETION_GUARD);
            }
        }
        return violations;
    }

    /** Service tasks and listeners name a Spring bean by delegateExpression, never a class or an inline expression. */
    static List<String> serviceTasks(BpmnModelInstance model) {
        List<String> violations = new ArrayList<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (task.getCamundaClass() != null) {
                violations.add(task.getId() + ": uses camunda:class; use camunda:delegateExpression");
            }
            if (task.getCamundaExpression() != null || task.getCamundaType() != null) {
                violations.add(task.getId() + ": uses an expression or an external task; use camunda:delegateExpression");
            }
            if (beanName(task.getCamundaDelegateExpression()) == null) {
                violations.add(task.getId() + ": needs camunda:delegateExpression=\"${someBean}\", has "
                        + task.getCamundaDelegateExpression());
            }
        }
        for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
            if (listener.getCamundaClass() != null) {
                violations.add(ownerId(listener) + ": task listener uses camunda:class " + listener.getCamundaClass());
            }
        }
        for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
            if (listener.getCamundaClass() != null) {
                violations.add(ownerId(listener) + ": execution listener uses camunda:class " + listener.getCamundaClass());
            }
        }
        return violations;
    }

    /**
     * Every flow node is reached and leads on, and from every one of them an end event can be reached: no dead ends,
     * no orphans. Event subprocesses are entered by their event, not by a flow, so they take part through their
     * contents only.
     */
    static List<String> flow(BpmnModelInstance model) {
        Map<String, List<SequenceFlow>> outgoing = outgoing(model);
        Set<String> targets = new HashSet<>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            targets.add(flow.getTarget().getId());
        }
        List<String> violations = new ArrayList<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (isEventSubProcess(node)) {
                continue;
            }
            boolean entered = node instanceof StartEvent || node instanceof BoundaryEvent;
            if (!entered && !targets.contains(node.getId())) {
                violations.add(node.getId() + ": no sequence flow leads to it");
            }
            if (!(node instanceof EndEvent) && outgoing.getOrDefault(node.getId(), List.of()).isEmpty()) {
                violations.add(node.getId() + ": has no outgoing sequence flow");
            } else if (!reachesEnd(node, outgoing)) {
                violations.add(node.getId() + ": no path from it reaches an end event");
            }
        }
        return violations;
    }

    /** The bean names a model's service tasks and listeners call, by element id. */
    static Map<String, String> delegateBeans(BpmnModelInstance model) {
        Map<String, String> beans = new LinkedHashMap<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            beans.put(task.getId(), beanName(task.getCamundaDelegateExpression()));
        }
        return beans;
    }

    static Map<String, String> taskListenerBeans(BpmnModelInstance model) {
        Map<String, String> beans = new LinkedHashMap<>();
        for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
            if (listener.getCamundaDelegateExpression() != null) {
                beans.put(ownerId(listener) + "/" + listener.getCamundaEvent(),
                        beanName(listener.getCamundaDelegateExpression()));
            }
        }
        return beans;
    }

    static Map<String, String> executionListenerBeans(BpmnModelInstance model) {
        Map<String, String> beans = new LinkedHashMap<>();
        for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
            if (listener.getCamundaDelegateExpression() != null) {
                beans.put(ownerId(listener) + "/" + listener.getCamundaEvent(),
                        beanName(listener.getCamundaDelegateExpression()));
            }
        }
        return beans;
    }

    private static boolean reachesEnd(FlowNode start, Map<String, List<SequenceFlow>> outgoing) {
        Deque<FlowNode> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            FlowNode node = todo.poll();
            if (node instanceof EndEvent) {
                return true;
            }
            if (seen.add(node.getId())) {
                for (SequenceFlow flow : outgoing.getOrDefault(node.getId(), List.of())) {
                    todo.add(flow.getTarget());
                }
            }
        }
        return false;
    }

    /** Outgoing flows by their source's id, from the flows' sourceRef (what the engine follows). */
    private static Map<String, List<SequenceFlow>> outgoing(BpmnModelInstance model) {
        Map<String, List<SequenceFlow>> outgoing = new HashMap<>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            outgoing.computeIfAbsent(flow.getSource().getId(), k -> new ArrayList<>()).add(flow);
        }
        return outgoing;
    }

    private static boolean isEventSubProcess(FlowNode node) {
        return node instanceof SubProcess s && s.triggeredByEvent();
    }

    private static String beanName(String delegateExpression) {
        if (delegateExpression == null) {
            return null;
        }
        var m = BEAN_EXPRESSION.matcher(delegateExpression);
        return m.matches() ? m.group(1) : null;
    }

    /** The id of the element whose extension elements hold the listener. */
    private static String ownerId(ModelElementInstance listener) {
        ModelElementInstance parent = listener.getParentElement();
        while (parent != null && !(parent instanceof BaseElement)) {
            parent = parent.getParentElement();
        }
        return parent == null ? "?" : ((BaseElement) parent).getId();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
