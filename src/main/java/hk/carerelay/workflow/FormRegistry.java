package hk.carerelay.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormParser;

/**
 * The form of a task, read from the engine's deployment (the same bytes the engine deployed, bound per process
 * definition) and parsed once per process definition and task.
 */
@Component
class FormRegistry {

    private final FormService formService;
    private final RepositoryService repositoryService;
    private final Map<String, FormDefinition> cache = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> literalFormKeys = new ConcurrentHashMap<>();

    FormRegistry(FormService formService, RepositoryService repositoryService) {
        this.formService = formService;
        this.repositoryService = repositoryService;
    }

    /**
     * The form key every task of this definition has, when the model names the form with a literal
     * ({@code camunda:formRef} or {@code camunda:formKey} without an expression): the value the engine would
     * initialise, read from the model once per process definition and task. Empty when the key is an expression or
     * missing, which only the engine can resolve (a task query with {@code initializeFormKeys()}).
     */
    Optional<String> literalFormKey(Task task) {
        return literalFormKeys.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
                k -> readLiteralFormKey(task));
    }

    private Optional<String> readLiteralFormKey(Task task) {
        var element = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
                .getModelElementById(task.getTaskDefinitionKey());
        if (!(element instanceof UserTask userTask)) {
            return Optional.empty();
        }
        // The engine refuses a user task with both attributes, so at most one is set.
        String key = userTask.getCamundaFormRef() != null ? userTask.getCamundaFormRef() : userTask.getCamundaFormKey();
        if (key == null || key.isBlank() || key.contains("${") || key.contains("#{")) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    FormDefinition forTask(Task task) {
        return cache.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), k -> load(task));
    }

    private FormDefinition load(Task task) {
        try (InputStream in = formService.getDeployedTaskForm(task.getId())) {
            return FormParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the form of task " + task.getTaskDefinitionKey(), e);
        }
    }
}
