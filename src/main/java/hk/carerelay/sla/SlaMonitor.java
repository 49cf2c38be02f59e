package hk.carerelay.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.workflow.EngineAuthorizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Looks for waiting steps past their SLA on every node, and raises each breach once: the claim on the clock's row
 * decides which node raises it, and the claim, the managers' task ({@code sla-breach}) and the event commit together
 * or not at all. Counts breaches for Prometheus after the commit.
 */
@Component
public class SlaMonitor {

    static final String PROCESS_KEY = "sla-breach";

    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

    private final SlaClocks clocks;
    private final SlaProperties properties;
    private final RuntimeService runtimeService;
    private final EngineAuthorizations engineAuthorizations;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    SlaMonitor(SlaClocks clocks, SlaProperties properties, RuntimeService runtimeService,
            EngineAuthorizations engineAuthorizations, ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager, MeterRegistry meters, Clock clock) {
        this.clocks = clocks;
        this.properties = properties;
        this.runtimeService = runtimeService;
        this.engineAuthorizations = engineAuthorizations;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${carerelay.sla.check-interval:PT1M}",
            initialDelayString = "${carerelay.sla.check-interval:PT1M}")
    void scheduledCheck() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("SLA check failed; the next check tries again", e);
        }
    }

    /** Raises every breach that is due and not yet raised; returns how many this call raised. */
    public int check() {
        if (!properties.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        List<SlaClock> overdue = clocks.overdue(now, properties.batchSize());
        int raised = 0;
        for (SlaClock late : overdue) {
            if (Boolean.TRUE.equals(transactions.execute(status -> raise(late, now)))) {
                raised++;
            }
        }
        return raised;
    }

    /** One clock's breach, in the caller's transaction: false if another node (or the task's completion) came first. */
    boolean raise(SlaClock late, Instant now) {
        if (!clocks.claimBreach(late.taskId(), now)) {
            return false;
        }
        ProcessInstance breach = runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(late.taskId())
                .setVariable("institution", late.institution())
                .setVariable("urgency", late.urgency() == null ? "ROUTINE" : late.urgency())
                .setVariable("lateProcess", late.processKey())
                .setVariable("lateTask", late.taskKey())
                .execute();
        clocks.setBreachProcess(late.taskId(), breach.getId());
        if (late.institution() != null) {
            engineAuthorizations.shareNewInstance(breach.getId(),
                    List.of(CareRelayUser.group(late.institution(), Role.MANAGER)), List.of());
        }
        events.publishEvent(new SlaBreached(late.taskId(), late.processKey(), late.taskKey(), late.caseId(),
                late.institution(), late.urgency()));
        Counter counter = Counter.builder("carerelay.sla.step.breaches")
                .description("Waiting steps that passed their SLA clock")
                .tag("process", late.processKey()).tag("task", late.taskKey())
                .tag("urgency", late.urgency() == null ? "NONE" : late.urgency()).register(meters);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
        return true;
    }
}
