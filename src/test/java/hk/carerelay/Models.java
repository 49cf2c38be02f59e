package hk.carerelay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The BPMN models and forms as the engine deploys them: from the classpath, with the patterns of application.yml. */
public final class Models {

    /** One model or form file: its file name (for example {@code referral.bpmn}), its path and its text. */
    public record ModelFile(String fileName, String path, String text) {

        public BpmnModelInstance bpmn() {
            return Bpmn.readModelFromStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }

        /** The file name without its extension. */
        public String baseName() {
            return fileName.substring(0, fileName.lastIndexOf('.'));
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private Models() {
    }

    public static List<ModelFile> processes() {
        return load("classpath*:processes/**/*.bpmn");
    }

    public static List<ModelFile> forms() {
        return load("classpath*:forms/**/*.form");
    }

    private static List<ModelFile> load(String pattern) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            List<ModelFile> files = new ArrayList<>();
            for (Resource resource : Arrays.stream(resources)
                    .sorted(Comparator.comparing(Resource::getDescription)).toList()) {
                try (InputStream in = resource.getInputStream()) {
                    String url = resource.getURL().toString();
                    String root = pattern.substring("classpath*:".length(), pattern.indexOf('/'));
                    String path = url.substring(url.lastIndexOf("/" + root + "/") + 1);
                    files.add(new ModelFile(resource.getFilename(), path,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
