package hk.carerelay.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The SLA configuration binds from files and from the environment, and the environment overrides a file's value. */
class SlaPropertiesTest {

    private static final Map<String, Object> FILE = Map.of(
            "carerelay.sla.processes.consultation.Task_AnswerConsultation.urgent", "PT24H",
            "carerelay.sla.processes.consultation.Task_AnswerConsultation.routine", "P5D",
            "carerelay.sla.processes.[discharge-handover].[Task_AcknowledgeDischarge].routine", "P3D");

    @Test
    void stepsAreFoundByProcessTaskAndUrgency() {
        SlaProperties sla = bind(Map.of());
        assertThat(sla.of("consultation", "Task_AnswerConsultation", "URGENT")).contains(Duration.ofHours(24));
        assertThat(sla.of("consultation", "Task_AnswerConsultation", "ROUTINE")).contains(Duration.ofDays(5));
        assertThat(sla.of("consultation", "Task_AnswerConsultation", null)).as("no urgency: routine")
                .contains(Duration.ofDays(5));
        assertThat(sla.of("discharge-handover", "Task_AcknowledgeDischarge", "URGENT"))
                .as("a step with one value uses it for every urgency").contains(Duration.ofDays(3));
        assertThat(sla.of("consultation", "Task_AcknowledgeOpinion", "URGENT")).isEmpty();
        assertThat(sla.isClocked("referral", "Task_TriageReferral")).isFalse();
    }

    @Test
    void anEnvironmentVariableOverridesOneValue() {
        SlaProperties sla = bind(Map.of("CARERELAY_SLA_PROCESSES_CONSULTATION_TASKANSWERCONSULTATION_URGENT", "PT2H",
                "CARERELAY_SLA_PROCESSES_DISCHARGEHANDOVER_TASKFOLLOWUP_ROUTINE", "P14D"));
        assertThat(sla.of("consultation", "Task_AnswerConsultation", "URGENT")).contains(Duration.ofHours(2));
        assertThat(sla.of("consultation", "Task_AnswerConsultation", "ROUTINE")).as("the rest stays")
                .contains(Duration.ofDays(5));
        assertThat(sla.of("discharge-handover", "Task_FollowUp", "ROUTINE")).as("a new step, by environment only")
                .contains(Duration.ofDays(14));
    }

    @Test
    void clocksCanBeSwitchedOff() {
        SlaProperties sla = bind(Map.of("CARERELAY_SLA_ENABLED", "false"));
        assertThat(sla.isClocked("consultation", "Task_AnswerConsultation")).isFalse();
        assertThat(sla.of("consultation", "Task_AnswerConsultation", "URGENT")).isEmpty();
    }

    private static SlaProperties bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        sources.addLast(new MapPropertySource("application.yml", FILE));
        Iterable<ConfigurationPropertySource> attached = ConfigurationPropertySources.from(sources);
        return new Binder(attached).bindOrCreate("carerelay.sla", SlaProperties.class);
    }
}
