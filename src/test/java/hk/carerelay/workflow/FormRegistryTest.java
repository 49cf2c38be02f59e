package hk.carerelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import hk.carerelay.ApplicationTest;

/**
 * The form key the task path shows for a task it read by id comes from the model; it must be exactly what the engine
 * itself initialises, and the engine must be asked whenever the key is an expression.
 */
@ApplicationTest
class FormRegistryTest {

    @Autowired
    FormRegistry forms;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;

    @Test
    void literalFormKeyOfEveryOpenReferralTaskIsTheOneTheEngineInitialises() {
        List<Task> tasks = taskService.createTaskQuery().processDefinitionKey("referral").initializeFormKeys().list();
        assertThat(tasks).as("the demo data leaves referral tasks open").isNotEmpty();
        for (Task task : tasks) {
            assertThat(forms.literalFormKey(task)).as(task.getTaskDefinitionKey())
                    .contains(task.getCamundaFormRef().getKey());
        }
    }

    @Test
    void formKeyWrittenAsAnExpressionIsLeftToTheEngine() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("form-key-expression")
                .name("Form key expression").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Started").name("Started")
                .userTask("Task_Expression").name("Fill in expression form").camundaFormKey("${formName}")
                .userTask("Task_Literal").name("Fill in literal form").camundaFormKey("embedded:app:forms/literal.html")
                .endEvent("EndEvent_Done").name("Done")
                .done();
        String deployment = repositoryService.createDeployment().addModelInstance("form-key-expression.bpmn", model)
                .deploy().getId();
        try {
            String instance = runtimeService.startProcessInstanceByKey("form-key-expression",
                    Map.of("formName", "embedded:app:forms/chosen.html")).getId();
            Task expression = taskService.createTaskQuery().processInstanceId(instance).initializeFormKeys()
                    .singleResult();
            assertThat(expression.getFormKey()).isEqualTo("embedded:app:forms/chosen.html");
            assertThat(forms.literalFormKey(expression)).isEmpty();

            taskService.complete(expression.getId());
            Task literal = taskService.createTaskQuery().processInstanceId(instance).initializeFormKeys()
                    .singleResult();
            assertThat(forms.literalFormKey(literal)).contains(literal.getFormKey())
                    .contains("embedded:app:forms/literal.html");
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
    }
}
