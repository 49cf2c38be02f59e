package hk.carerelay.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * Answers "may this user read or write this section" from the deployed {@code record-access} decision table. The
 * table is evaluated once for every role, relationship and section and kept as a matrix (it changes only with a new
 * deployment, which a restart picks up). A user with several relationships gets the most permissive answer among
 * them; no relationship means DENY.
 *
 * <p>The table is evaluated once the application is up, and in a transaction of its own: the engine writes each
 * evaluation to its history, which a caller's read-only transaction (most access checks run in one) would refuse on
 * PostgreSQL.
 */
@Service
public class AccessPolicy {

    static final String DECISION = "record-access";

    private final DecisionService decisions;
    private final TransactionTemplate ownTransaction;
    private volatile Map<Role, Map<Relationship, Map<RecordSection, Access>>> matrix;

    AccessPolicy(DecisionService decisions, PlatformTransactionManager transactions) {
        this.decisions = decisions;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Evaluates the table before the first request needs it. */
    @EventListener(ApplicationReadyEvent.class)
    void evaluateAtStart() {
        matrix();
    }

    /** Forgets the evaluated table, as after a restart (tests). */
    void forget() {
        matrix = null;
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
        Map<Role, Map<Relationship, Map<RecordSection, Access>>> m = matrix;
        if (m == null) {
            m = ownTransaction.execute(status -> evaluate());
            matrix = m;
        }
        return m;
    }

    private Map<Role, Map<Relationship, Map<RecordSection, Access>>> evaluate() {
        Map<Role, Map<Relationship, Map<RecordSection, Access>>> m = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Map<Relationship, Map<RecordSection, Access>> byRelationship = new EnumMap<>(Relationship.class);
            for (Relationship relationship : Relationship.values()) {
                Map<RecordSection, Access> bySection = new EnumMap<>(RecordSection.class);
                for (RecordSection section : RecordSection.values()) {
                    String answer = decisions.evaluateDecisionTableByKey(DECISION, Variables.createVariables()
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
}
