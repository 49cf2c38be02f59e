package hk.carerelay.form;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The packaged form definitions by id, for showing submitted forms with their labels. (Completing a task uses the
 * version the engine deployed with the task's process, through the workflow package.)
 */
@Component
public class FormCatalog {

    private final Map<String, FormDefinition> forms = new ConcurrentHashMap<>();

    FormCatalog() throws IOException {
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form")) {
            try (InputStream in = resource.getInputStream()) {
                FormDefinition form = FormParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                forms.put(form.id(), form);
            }
        }
    }

    public Optional<FormDefinition> byId(String id) {
        return Optional.ofNullable(forms.get(id));
    }
}
