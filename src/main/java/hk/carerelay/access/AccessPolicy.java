package hk.carerelay.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * Answers "may this user read or write this section" from the deployed {@code record-access} decision table. The
 * table is evaluated once for every role, relationship and section and kept as a matrix (it changes only with a new
 * deployment, which a restart picks up). A user with several relationships gets the most permissive answer among
 * them; no relationship means DENY.
 *
 * <p>The table, the latest deployed version, is evaluated with a DMN engine of its own, not through the process
 * engine's decision service: that one writes every evaluation to the engine's history (1,920 decision instances, each
 * with its inputs and output, at every start) and so needs a writable transaction, which the first access check, most
 * often in a read-only one, does not have on PostgreSQL. Which version is in force is written to the audit log instead,
 * once, when the application is up.
 */
@Service
public class AccessPolicy {

    static final String DECISION = "record-access";

    private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);

    private final RepositoryService repository;
    private final AuditLog audit;
    private final TransactionTemplate ownTransaction;
    private volatile Evaluated evaluated;

    /** The deployed decision that was evaluated, and its answers: role → relationship → section → access. */
    private record Evaluated(DecisionDefinition definition,
            Map<Role, Map<Relationship, Map<RecordSection, Access>>> matrix) {
    }

    AccessPolicy(RepositoryService repository, AuditLog audit, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Evaluates the table before the first request needs it, and records which version is in force. */
    @EventListener(ApplicationReadyEvent.class)
    void evaluateAtStart() {
        DecisionDefinition definition = evaluated().definition();
        ownTransaction.executeWithoutResult(status -> audit.write(null, AuditLog.Event
                .of(AuditAction.CONFIGURATION_CHANGE).on("AccessPolicy", definition.getId())
                .detail("access policy in force from this start: decision " + definition.getKey() + " version "
                        + definition.getVersion() + ", deployment " + definition.getDeploymentId())));
    }

    /** Forgets the evaluated table, as after a restart (tests). */
    void forget() {
        evaluated = null;
    }

    public Access access(CareRelayUser user, Set<Relationship> relationships, RecordSection section) {
        Access best = Access.DENY;
        for (Relationship relationship : relationships) {
            Access access = matrix().get(user.role()).get(relationship).get(section);
            if (access.compareTo(best) > 0) {
                best = access;
            }
        }
        return best;
    }

    /** The sections the user may read, given how they stand to the record. */
    public Set<RecordSection> readable(CareRelayUser user, Set<Relationship> relationships) {
        Set<RecordSection> readable = EnumSet.noneOf(RecordSection.class);
        for (RecordSection section : RecordSection.values()) {
            if (access(user, relationships, section).allowsRead()) {
                readable.add(section);
            }
        }
        return readable;
    }

    /**
     * How the user stands for the policy's question when the patient has not consented to share the record with the
     * receiving institution: the receiving side's relationships give way to {@link Relationship#AWAITING_CONSENT};
     * the sending side and emergency access (a separate, reviewed exception) are unchanged.
     */
    public static Set<Relationship> withoutSharingConsent(Set<Relationship> standing) {
        if (standing.contains(Relationship.SENDING) || standing.contains(Relationship.EMERGENCY_ACCESS)
                || !standing.contains(Relationship.RECEIVING)) {
            return standing;
        }
        return EnumSet.of(Relationship.AWAITING_CONSENT);
    }

    /** Whether the consent question matters for this standing: the receiving side only. */
    public static boolean needsSharingConsent(Set<Relationship> standing) {
        return withoutSharingConsent(standing) != standing;
    }

    /** The whole table as evaluated: role → relationship → section → access (for tests and for the documentation). */
    public Map<Role, Map<Relationship, Map<RecordSection, Access>>> matrix() {
        return evaluated().matrix();
    }

    private Evaluated evaluated() {
        Evaluated e = evaluated;
        if (e == null) {
            e = evaluate();
            evaluated = e;
        }
        return e;
    }

    private Evaluated evaluate() {
        long started = System.nanoTime();
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION)
                .latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The access policy's decision table '" + DECISION + "' is not deployed.");
        }
        DmnEngine dmn = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
                .feelEngineFactory(() -> new RememberingFeel(new ScalaFeelEngineFactory().createInstance()))
                .buildEngine();
        DmnDecision decision = dmn.parseDecision(DECISION, repository.getDmnModelInstance(definition.getId()));
        Map<Role, Map<Relationship, Map<RecordSection, Access>>> m = matrix(dmn, decision);
        log.info("Access policy: decision {} version {} evaluated for every role, relationship and section in {} ms",
                definition.getKey(), definition.getVersion(), (System.nanoTime() - started) / 1_000_000);
        return new Evaluated(definition, m);
    }

    /** The table's answer for every role, relationship and section, as this DMN engine evaluates it. */
    static Map<Role, Map<Relationship, Map<RecordSection, Access>>> matrix(DmnEngine dmn, DmnDecision decision) {
        Map<Role, Map<Relationship, Map<RecordSection, Access>>> m = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Map<Relationship, Map<RecordSection, Access>> byRelationship = new EnumMap<>(Relationship.class);
            for (Relationship relationship : Relationship.values()) {
                Map<RecordSection, Access> bySection = new EnumMap<>(RecordSection.class);
                for (RecordSection section : RecordSection.values()) {
                    String answer = dmn.evaluateDecisionTable(decision, Variables.createVariables()
                            .putValue("role", role.name())
                            .putValue("relationship", relationship.name())
                            .putValue("section", section.name()))
                            .getSingleEntry();
                    bySection.put(section, answer == null ? Access.DENY : Access.valueOf(answer));
                }
                byRelationship.put(relationship, bySection);
            }
            m.put(role, byRelationship);
        }
        return m;
    }

    /**
     * The Scala FEEL engine, remembering its answer for each input entry that is a list of string literals ({@code
     * "A","B"}), its negation ({@code not("A")}) or any ({@code -}), for each input value, and for each output entry that
     * is one string literal. That engine parses an expression again at every evaluation (it keeps no parsed
     * expressions), and evaluating every rule's entries for the table's 1,920 questions took 2–6 s at each start. An
     * answer is the engine's own; any other expression, or an input that is not text, goes to it every time.
     */
    static final class RememberingFeel implements FeelEngine {

        private static final Pattern QUOTED = Pattern.compile("\"[^\"\\\\]*\"");
        private static final Pattern LITERAL_TESTS = Pattern.compile("\\s*(-|not\\s*\\([\\s,]*\\)|[\\s,]*)\\s*");

        private final FeelEngine engine;
        private final Map<String, Boolean> tests = new ConcurrentHashMap<>();
        private final Map<String, Object> literals = new ConcurrentHashMap<>();

        RememberingFeel(FeelEngine engine) {
            this.engine = engine;
        }

        static boolean literalTests(String expression) {
            return LITERAL_TESTS.matcher(QUOTED.matcher(expression).replaceAll("")).matches()
                    && !expression.contains("\\");
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext context) {
            TypedValue input = context.resolve(inputVariable);
            if (input == null || !(input.getValue() instanceof String value) || !literalTests(expression)) {
                return engine.evaluateSimpleUnaryTests(expression, inputVariable, context);
            }
            return tests.computeIfAbsent(expression + '\u0000' + value,
                    key -> engine.evaluateSimpleUnaryTests(expression, inputVariable, context));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
            if (!QUOTED.matcher(expression.strip()).matches()) {
                return engine.evaluateSimpleExpression(expression, context);
            }
            return (T) literals.computeIfAbsent(expression, key -> engine.evaluateSimpleExpression(expression, context));
        }
    }
}
