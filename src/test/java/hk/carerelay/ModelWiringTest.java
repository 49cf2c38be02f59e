package hk.carerelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import hk.carerelay.Models.ModelFile;
import hk.carerelay.form.FormParser;

/**
 * The part of the model rules that needs the running application: the beans the models call exist and are of the
 * right kind, and every process is deployed together with the forms its user tasks show.
 */
@ApplicationTest
class ModelWiringTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    RepositoryService repositoryService;

    @Test
    void serviceTasksCallJavaDelegateBeans() {
        for (ModelFile file : Models.processes()) {
            Map<String, String> beans = BpmnRules.delegateBeans(file.bpmn());
            assertThat(beans).as(file.path()).isNotEmpty();
            beans.forEach((element, bean) -> assertBean(file, element, bean, JavaDelegate.class));
        }
    }

    @Test
    void listenersCallListenerBeans() {
        for (ModelFile file : Models.processes()) {
            BpmnRules.taskListenerBeans(file.bpmn())
                    .forEach((element, bean) -> assertBean(file, element, bean, TaskListener.class));
            BpmnRules.executionListenerBeans(file.bpmn())
                    .forEach((element, bean) -> assertBean(file, element, bean, ExecutionListener.class));
        }
    }

    @Test
    void everyProcessIsDeployedWithTheFormsItsUserTasksShow() throws IOException {
        for (ModelFile file : Models.processes()) {
            BpmnModelInstance model = file.bpmn();
            ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKey(file.baseName()).latestVersion().singleResult();
            assertThat(definition).as("%s deployed", file.path()).isNotNull();

            Set<String> deployedForms = new HashSet<>();
            List<String> resources = repositoryService.getDeploymentResourceNames(definition.getDeploymentId());
            for (String resource : resources) {
                if (resource.endsWith(".form")) {
                    try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), resource)) {
                        deployedForms.add(FormParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).id());
                    }
                }
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                assertThat(deployedForms).as("%s %s: form %s in the same deployment", file.path(), task.getId(),
                        task.getCamundaFormRef()).contains(task.getCamundaFormRef());
            }
        }
    }

    private void assertBean(ModelFile file, String element, String bean, Class<?> type) {
        assertThat(bean).as("%s %s names a bean", file.path(), element).isNotNull();
        assertThat(context.containsBean(bean)).as("%s %s: bean '%s' exists", file.path(), element, bean).isTrue();
        assertThat(context.getBean(bean)).as("%s %s: bean '%s'", file.path(), element, bean).isInstanceOf(type);
    }
}
