package hk.carerelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import hk.carerelay.Models.ModelFile;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormParser;

/**
 * The house rules for every BPMN model and form the engine deploys, checked without starting the application.
 * The second half edits the referral model the way a hurried modeller would and checks that each rule notices.
 * {@link ModelWiringTest} checks, in the running application, that the beans the models name exist.
 */
class ModelValidationTest {

    static List<ModelFile> processes() {
        return Models.processes();
    }

    static List<ModelFile> forms() {
        return Models.forms();
    }

    private static Set<String> formIds() {
        return forms().stream().map(f -> FormParser.parse(f.text()).id()).collect(Collectors.toSet());
    }

    @Test
    void modelsAndFormsAreFoundWhereTheEngineDeploysThemFrom() {
        assertThat(processes()).extracting(ModelFile::path).contains("processes/referral/referral.bpmn");
        assertThat(forms()).extracting(ModelFile::path).contains("forms/referral/referral-triage.form");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void processIsExecutableNamedAfterItsFileAndHasAHistoryTimeToLive(ModelFile file) {
        assertThat(BpmnRules.process(file.fileName(), file.bpmn())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void everyFlowNodeAndEveryDecisionFlowIsNamed(ModelFile file) {
        assertThat(BpmnRules.names(file.bpmn())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void everyFlowNodeHasAShapeAndEveryFlowAnEdge(ModelFile file) {
        assertThat(BpmnRules.diagram(file.bpmn())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void elementIdsCarryTheirTypeAndAReadableName(ModelFile file) {
        assertThat(BpmnRules.ids(file.bpmn())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void userTasksHaveCandidateGroupsADeployedFormAndTheCompletionGuard(ModelFile file) {
        assertThat(BpmnRules.userTasks(file.bpmn(), formIds())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void serviceTasksAndListenersUseDelegateExpressions(ModelFile file) {
        assertThat(BpmnRules.serviceTasks(file.bpmn())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processes")
    void everyFlowNodeIsReachedAndEveryPathReachesAnEndEvent(ModelFile file) {
        assertThat(BpmnRules.flow(file.bpmn())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void formParsesAndIsNamedAfterItsFile(ModelFile file) {
        FormDefinition form = FormParser.parse(file.text());
        assertThat(form.id()).isEqualTo(file.baseName());
        assertThat(form.fields()).isNotEmpty();
    }

    @Test
    void formIdsAreUnique() {
        assertThat(forms()).extracting(f -> FormParser.parse(f.text()).id()).doesNotHaveDuplicates();
    }

    // ---- the rules notice sloppy models ----

    @Test
    void theReferralModelItselfPassesEveryRule() {
        assertThat(BpmnRules.all("referral.bpmn", parse(referralXml()), formIds())).isEmpty();
    }

    @Test
    void aProcessIdThatDiffersFromTheFileNameIsNoticed() {
        assertThat(BpmnRules.process("referrals.bpmn", parse(referralXml())))
                .containsExactly("referral: process id must equal the file name 'referrals'");
    }

    static Stream<Arguments> sloppyEdits() {
        return Stream.of(
                sloppy("a modeler-generated id", x -> x.replace("Task_RecordTriageDecision", "Activity_0x1"),
                        "Activity_0x1: the id of a serviceTask must look like Task_"),
                sloppy("the right prefix with a generated suffix", x -> x.replace("Gateway_TriageDecision", "Gateway_0x1ab2c"),
                        "Gateway_0x1ab2c: the id of a exclusiveGateway"),
                sloppy("a timer named like a plain event", x -> x.replace("Timer_TriageSla", "Event_TriageSla"),
                        "Event_TriageSla: the id of a boundaryEvent must look like Timer_"),
                sloppy("an unnamed task", x -> x.replace(" name=\"Record triage decision\"", ""),
                        "Task_RecordTriageDecision: has no name"),
                sloppy("an unnamed decision flow", x -> x.replace(" name=\"Decline\"", ""),
                        "Flow_Decline: leaves decision Gateway_TriageDecision without a name"),
                sloppy("a decision flow without a condition",
                        x -> x.replaceAll("(<bpmn:sequenceFlow id=\"Flow_Decline\"[^>]*)>.*?</bpmn:sequenceFlow>", "$1 />"),
                        "Flow_Decline: leaves decision Gateway_TriageDecision with neither a condition"),
                sloppy("a task without a shape",
                        x -> x.replaceAll("<bpmndi:BPMNShape id=\"Task_ResumeReferral_di\".*?</bpmndi:BPMNShape>", ""),
                        "Task_ResumeReferral: has no diagram shape"),
                sloppy("a flow without an edge",
                        x -> x.replaceAll("<bpmndi:BPMNEdge id=\"Flow_ToClose_di\".*?</bpmndi:BPMNEdge>", ""),
                        "Flow_ToClose: has no diagram edge"),
                sloppy("a service task calling a class",
                        x -> x.replace("camunda:delegateExpression=\"${closeReferralDelegate}\"",
                                "camunda:class=\"hk.carerelay.referral.CloseReferralDelegate\""),
                        "Task_CloseReferral: uses camunda:class"),
                sloppy("a task listener calling a class",
                        x -> x.replaceAll("(<bpmn:userTask id=\"Task_ScheduleAppointment\".*?<camunda:taskListener) "
                                + "delegateExpression=\"[^\"]*\"", "$1 class=\"hk.carerelay.workflow.TaskCompletionGuard\""),
                        "Task_ScheduleAppointment: task listener uses camunda:class"),
                sloppy("a form bound to its latest version",
                        x -> x.replace("camunda:formRef=\"referral-triage\" camunda:formRefBinding=\"deployment\"",
                                "camunda:formRef=\"referral-triage\" camunda:formRefBinding=\"latest\""),
                        "Task_TriageReferral: camunda:formRefBinding must be \"deployment\""),
                sloppy("a form reference to no form", x -> x.replace("camunda:formRef=\"referral-sla-breach\"",
                        "camunda:formRef=\"referral-sla\""),
                        "Task_HandleSlaBreach: camunda:formRef 'referral-sla' names no form"),
                sloppy("a user task without the completion guard",
                        x -> x.replaceAll("(<bpmn:userTask id=\"Task_HandleSlaBreach\".*?)<camunda:taskListener[^>]*/>", "$1"),
                        "Task_HandleSlaBreach: lacks the complete listener"),
                sloppy("a user task without candidate groups",
                        x -> x.replace(" camunda:candidateGroups=\"${receivingInstitution}-MANAGER\"", ""),
                        "Task_HandleSlaBreach: has no camunda:candidateGroups"),
                sloppy("a hard-coded assignee",
                        x -> x.replaceFirst("camunda:assignee=\"\\$\\{referringDoctor}\"", "camunda:assignee=\"gp.chan\""),
                        "Task_AcknowledgeOutcome: hard-codes the assignee"),
                sloppy("a loop with no way out",
                        x -> x.replace("sourceRef=\"Task_HandleSlaBreach\" targetRef=\"EndEvent_SlaBreachHandled\"",
                                "sourceRef=\"Task_HandleSlaBreach\" targetRef=\"Task_NotifySlaBreach\""),
                        "Task_HandleSlaBreach: no path from it reaches an end event"),
                sloppy("an end event nothing leads to",
                        x -> x.replace("sourceRef=\"Task_HandleSlaBreach\" targetRef=\"EndEvent_SlaBreachHandled\"",
                                "sourceRef=\"Task_HandleSlaBreach\" targetRef=\"Task_NotifySlaBreach\""),
                        "EndEvent_SlaBreachHandled: no sequence flow leads to it"),
                sloppy("a task with no way on",
                        x -> x.replaceAll("<bpmn:sequenceFlow id=\"Flow_ToSlaBreachHandled\"[^>]*/>", ""),
                        "Task_HandleSlaBreach: has no outgoing sequence flow"),
                sloppy("a process the engine will not run", x -> x.replace("isExecutable=\"true\"", "isExecutable=\"false\""),
                        "referral: process is not executable"),
                sloppy("a process without a history time to live",
                        x -> x.replaceAll(" camunda:historyTimeToLive=\"[^\"]*\"", ""),
                        "referral: camunda:historyTimeToLive is not set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sloppyEdits")
    void rulesNotice(UnaryOperator<String> edit, String expectedViolation) {
        String original = referralXml();
        String edited = edit.apply(original);
        assertThat(edited).as("the edit must still apply to referral.bpmn").isNotEqualTo(original);

        List<String> violations = BpmnRules.all("referral.bpmn", parse(edited), formIds());

        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith(expectedViolation));
    }

    private static Arguments sloppy(String what, UnaryOperator<String> edit, String expectedViolation) {
        return arguments(named(what, edit), expectedViolation);
    }

    private static String referralXml() {
        return processes().stream().filter(f -> f.path().equals("processes/referral/referral.bpmn")).findFirst()
                .orElseThrow().text();
    }

    private static BpmnModelInstance parse(String xml) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
