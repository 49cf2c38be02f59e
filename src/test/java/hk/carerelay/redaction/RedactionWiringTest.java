package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The package as Spring assembles it: every recognizer injected, the policy bound from configuration. */
class RedactionWiringTest {

    @Configuration
    @ComponentScan(basePackageClasses = PiiDetector.class)
    @EnableConfigurationProperties(RedactionProperties.class)
    static class RedactionOnly {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RedactionOnly.class);

    private static final String TEXT = "Patient: CHAN Tai Man, HKID A123456(3), Tel 9123 4567";

    @Test
    void theDetectorGetsEveryRecognizerAndTheDefaultPolicy() {
        context.run(spring -> {
            assertThat(spring.getBeansOfType(PiiRecognizer.class).values()).extracting(PiiRecognizer::type)
                    .containsExactlyInAnyOrder(PiiType.values());
            assertThat(spring.getBean(PiiDetector.class).redact(TEXT))
                    .isEqualTo("Patient: CHAN Tai Man, HKID [HKID], Tel [PHONE]");
        });
    }

    @Test
    void thePolicyComesFromConfiguration() {
        context.withPropertyValues("carerelay.redaction.masked-types=NAME,HKID").run(spring -> assertThat(
                spring.getBean(PiiDetector.class).redact(TEXT)).isEqualTo("Patient: [NAME], HKID [HKID], Tel 9123 4567"));
    }
}
