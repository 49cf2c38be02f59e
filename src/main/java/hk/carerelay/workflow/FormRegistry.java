package hk.carerelay.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.task.Task;
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
    private final Map<String, FormDefinition> cache = new ConcurrentHashMap<>();

    FormRegistry(FormService formService) {
        this.formService = formService;
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
