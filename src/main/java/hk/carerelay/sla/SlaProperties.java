package hk.carerelay.sla;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.sla.*}: whether clocks run, how often breaches are looked for, and the SLA of each waiting step as
 * {@code processes.<process key>.<task id>.urgent|routine} (ISO-8601 durations). Keys are matched ignoring case and
 * every character but letters and digits, so {@code Task_ScheduleAppointment}, {@code task-schedule-appointment} and
 * the environment's {@code CARERELAY_SLA_PROCESSES_REFERRAL_TASKSCHEDULEAPPOINTMENT_URGENT} name the same step. A
 * step with only {@code routine} uses it for every urgency; a process without an {@code urgency} variable is routine.
 */
@ConfigurationProperties("carerelay.sla")
public record SlaProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration checkInterval,
        @DefaultValue("100") int batchSize, Map<String, Map<String, StepSla>> processes) {

    public record StepSla(Duration urgent, Duration routine) {

        Optional<Duration> of(String urgency) {
            Duration chosen = "URGENT".equals(urgency) && urgent != null ? urgent : routine;
            return Optional.ofNullable(chosen != null ? chosen : urgent);
        }
    }

    public SlaProperties {
        processes = processes == null ? Map.of() : processes;
    }

    /** The SLA of the step for the urgency, if the step is clocked. */
    public Optional<Duration> of(String processKey, String taskKey, String urgency) {
        return step(processKey, taskKey).flatMap(step -> step.of(urgency));
    }

    /** Whether the step has a clock at all (cheap: no urgency needed). */
    public boolean isClocked(String processKey, String taskKey) {
        return enabled && step(processKey, taskKey).isPresent();
    }

    private Optional<StepSla> step(String processKey, String taskKey) {
        if (!enabled || processKey == null || taskKey == null) {
            return Optional.empty();
        }
        String process = normalise(processKey);
        String task = normalise(taskKey);
        // a file and the environment may spell one process two ways (discharge-handover, dischargehandover)
        for (Map.Entry<String, Map<String, StepSla>> p : processes.entrySet()) {
            if (normalise(p.getKey()).equals(process) && p.getValue() != null) {
                for (Map.Entry<String, StepSla> t : p.getValue().entrySet()) {
                    if (normalise(t.getKey()).equals(task) && t.getValue() != null) {
                        return Optional.of(t.getValue());
                    }
                }
            }
        }
        return Optional.empty();
    }

    static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
