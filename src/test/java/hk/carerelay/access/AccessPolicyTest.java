package hk.carerelay.access;

import static hk.carerelay.access.Access.DENY;
import static hk.carerelay.access.Access.READ;
import static hk.carerelay.access.Access.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/** The deployed decision table gives the answers the issue asks for, role by role. */
@ApplicationTest
class AccessPolicyTest {

    private static final Set<RecordSection> CLINICAL = EnumSet.of(RecordSection.REFERRAL_SUMMARY,
            RecordSection.DIAGNOSES, RecordSection.MEDICATIONS, RecordSection.RESULTS, RecordSection.DOCUMENTS,
            RecordSection.CONSULTATION_NOTES);

    @Autowired
    AccessPolicy policy;
    @Autowired
    HistoryService history;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcClient jdbc;

    private static CareRelayUser user(Role role, String department) {
        return new CareRelayUser("u", "U", role, "HSC", department);
    }

    private Access access(Role role, String department, RecordSection section, Relationship... relationships) {
        return policy.access(user(role, department), EnumSet.copyOf(Set.of(relationships)), section);
    }

    /**
     * The first check after a start may come in a read-only transaction (most do), which PostgreSQL refuses to write
     * in; H2 does not enforce it, hence this test's form: evaluating the table writes nothing, to the engine's history
     * least of all (the engine's decision service wrote 1,920 decision instances at every start).
     */
    @Test
    void evaluatingTheTableWritesNoEngineHistory() {
        policy.forget();
        long before = history.createHistoricDecisionInstanceQuery().count();
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> assertThat(
                access(Role.SPECIALIST, "CARDIOLOGY", RecordSection.DOCUMENTS, Relationship.RECEIVING)).isEqualTo(READ));
        assertThat(history.createHistoricDecisionInstanceQuery().count()).isEqualTo(before);
    }

    /**
     * The policy remembers the FEEL engine's answers for literal input entries (that engine parses every expression at
     * every evaluation); the whole matrix is the one the FEEL engine gives alone.
     */
    @Test
    void rememberingLiteralTestsChangesNoAnswer() {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(AccessPolicy.DECISION).latestVersion().singleResult();
        DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        assertThat(AccessPolicy.matrix(plain, plain.parseDecision(AccessPolicy.DECISION,
                repository.getDmnModelInstance(latest.getId())))).isEqualTo(policy.matrix());
        assertThat(AccessPolicy.RememberingFeel.literalTests("\"SPECIALIST\",\"INTERN\"")).isTrue();
        assertThat(AccessPolicy.RememberingFeel.literalTests("not(\"AUDITOR\")")).isTrue();
        assertThat(AccessPolicy.RememberingFeel.literalTests("-")).isTrue();
        assertThat(AccessPolicy.RememberingFeel.literalTests("role")).as("names another variable").isFalse();
        assertThat(AccessPolicy.RememberingFeel.literalTests("> 5")).isFalse();
        assertThat(AccessPolicy.RememberingFeel.literalTests("starts with(?, \"A\")")).isFalse();
        assertThat(AccessPolicy.RememberingFeel.literalTests("\"a\\\"b\"")).as("an escape").isFalse();
    }

    /** The audit log says which version of the table is in force, from each start on. */
    @Test
    void theVersionInForceIsAuditedWhenTheApplicationIsUp() {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(AccessPolicy.DECISION).latestVersion().singleResult();
        policy.forget();
        policy.evaluateAtStart();
        var entry = jdbc.sql("SELECT action, object_id, detail, username FROM audit_event WHERE object_type = "
                + "'AccessPolicy' ORDER BY id DESC").query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                        rs.getString(3), String.valueOf(rs.getString(4)))).list().get(0);
        assertThat(entry.get(0)).isEqualTo("CONFIGURATION_CHANGE");
        assertThat(entry.get(1)).isEqualTo(latest.getId());
        assertThat(entry.get(2)).contains("record-access version " + latest.getVersion())
                .contains(latest.getDeploymentId());
        assertThat(entry.get(3)).as("written by the system, not a user").isEqualTo("null");
    }

    @Test
    void administrativeStaffSeeWhoAndWhenButNothingClinical() {
        assertThat(access(Role.ADMIN_STAFF, null, RecordSection.DEMOGRAPHICS, Relationship.RECEIVING)).isEqualTo(READ);
        assertThat(access(Role.ADMIN_STAFF, null, RecordSection.APPOINTMENTS, Relationship.RECEIVING)).isEqualTo(WRITE);
        for (RecordSection section : CLINICAL) {
            assertThat(access(Role.ADMIN_STAFF, null, section, Relationship.RECEIVING)).as(section.name()).isEqualTo(DENY);
        }
    }

    @Test
    void nursesReadClinicalSectionsButDoNotWriteConsultationNotes() {
        for (RecordSection section : CLINICAL) {
            assertThat(access(Role.NURSE, "CARDIOLOGY", section, Relationship.RECEIVING, Relationship.SAME_DEPARTMENT,
                    Relationship.CARE_TEAM)).as(section.name()).isEqualTo(READ);
        }
    }

    @Test
    void specialistsWriteConsultationNotesOfTheirOwnSpecialtyOrCareTeam() {
        assertThat(access(Role.SPECIALIST, "CARDIOLOGY", RecordSection.CONSULTATION_NOTES, Relationship.RECEIVING,
                Relationship.SAME_DEPARTMENT)).isEqualTo(WRITE);
        assertThat(access(Role.SPECIALIST, "ENDOCRINOLOGY", RecordSection.CONSULTATION_NOTES, Relationship.RECEIVING))
                .isEqualTo(READ);
        assertThat(access(Role.SPECIALIST, "ENDOCRINOLOGY", RecordSection.CONSULTATION_NOTES, Relationship.RECEIVING,
                Relationship.CARE_TEAM)).isEqualTo(WRITE);
    }

    @Test
    void internsOnlyWithinTheirOwnDepartment() {
        assertThat(access(Role.INTERN, "ENDOCRINOLOGY", RecordSection.REFERRAL_SUMMARY, Relationship.RECEIVING,
                Relationship.SAME_DEPARTMENT)).isEqualTo(READ);
        for (RecordSection section : RecordSection.values()) {
            assertThat(access(Role.INTERN, "ENDOCRINOLOGY", section, Relationship.RECEIVING)).as(section.name())
                    .isEqualTo(DENY);
        }
    }

    @Test
    void auditorsAndAdministratorsSeeNoClinicalContentAndManagersOnlyWorkflowState() {
        for (RecordSection section : RecordSection.values()) {
            assertThat(access(Role.AUDITOR, null, section, Relationship.values())).isEqualTo(DENY);
            assertThat(access(Role.SYSADMIN, null, section, Relationship.values())).isEqualTo(DENY);
        }
        for (RecordSection section : CLINICAL) {
            assertThat(access(Role.MANAGER, null, section, Relationship.RECEIVING)).as(section.name()).isEqualTo(DENY);
        }
        assertThat(access(Role.MANAGER, null, RecordSection.APPOINTMENTS, Relationship.RECEIVING)).isEqualTo(READ);
    }

    @Test
    void theSenderWritesTheLetterAndTheCoordinatorTheAppointment() {
        assertThat(access(Role.REFERRING_DOCTOR, "FAMILY_MEDICINE", RecordSection.REFERRAL_SUMMARY,
                Relationship.SENDING)).isEqualTo(WRITE);
        assertThat(access(Role.REFERRING_DOCTOR, "FAMILY_MEDICINE", RecordSection.CONSULTATION_NOTES,
                Relationship.SENDING)).isEqualTo(READ);
        assertThat(access(Role.COORDINATOR, null, RecordSection.APPOINTMENTS, Relationship.RECEIVING)).isEqualTo(WRITE);
        assertThat(access(Role.COORDINATOR, null, RecordSection.CONSULTATION_NOTES, Relationship.RECEIVING))
                .isEqualTo(DENY);
    }

    @Test
    void bothSidesWriteMessagesInternsOfTheDepartmentReadThemAndAdministrativeRolesNeither() {
        assertThat(access(Role.REFERRING_DOCTOR, "FAMILY_MEDICINE", RecordSection.MESSAGES, Relationship.SENDING))
                .isEqualTo(WRITE);
        for (Role receiving : EnumSet.of(Role.COORDINATOR, Role.SPECIALIST, Role.NURSE)) {
            assertThat(access(receiving, "ENDOCRINOLOGY", RecordSection.MESSAGES, Relationship.RECEIVING))
                    .as(receiving.name()).isEqualTo(WRITE);
        }
        assertThat(access(Role.INTERN, "CARDIOLOGY", RecordSection.MESSAGES, Relationship.RECEIVING,
                Relationship.SAME_DEPARTMENT)).isEqualTo(READ);
        assertThat(access(Role.NURSE, "CARDIOLOGY", RecordSection.MESSAGES, Relationship.SENDING))
                .as("the sending clinic's nurses are not in the thread").isEqualTo(DENY);
        for (Role administrative : EnumSet.of(Role.ADMIN_STAFF, Role.MANAGER)) {
            assertThat(access(administrative, null, RecordSection.MESSAGES, Relationship.SENDING, Relationship.RECEIVING))
                    .as(administrative.name()).isEqualTo(DENY);
        }
    }

    /**
     * Consultation and handover threads are judged by the case's own section (ADR 0014, amendment of 2026-11-27): these
     * are the cells they rely on. MESSAGES keeps no row for the handover's relationships: SENDING and RECEIVING are the
     * referral's too, and such a row would open referral threads to people who see nothing else of the referral.
     */
    @Test
    void consultationAndHandoverThreadsRestOnTheirCasesOwnSections() {
        assertThat(access(Role.SPECIALIST, "CARDIOLOGY", RecordSection.CONSULTATION, Relationship.CONSULT_REQUESTER))
                .isEqualTo(WRITE);
        assertThat(access(Role.SPECIALIST, "ENDOCRINOLOGY", RecordSection.CONSULTATION,
                Relationship.CONSULTED_DEPARTMENT)).isEqualTo(WRITE);
        for (Role other : EnumSet.of(Role.NURSE, Role.INTERN, Role.COORDINATOR, Role.ADMIN_STAFF, Role.MANAGER)) {
            assertThat(access(other, "ENDOCRINOLOGY", RecordSection.CONSULTATION, Relationship.CONSULTED_DEPARTMENT))
                    .as(other.name()).isEqualTo(DENY);
        }
        for (Role doctor : EnumSet.of(Role.SPECIALIST, Role.INTERN)) {
            assertThat(access(doctor, "CARDIOLOGY", RecordSection.DISCHARGE, Relationship.SENDING)).as(doctor.name())
                    .isEqualTo(WRITE);
        }
        assertThat(access(Role.REFERRING_DOCTOR, "FAMILY_MEDICINE", RecordSection.DISCHARGE, Relationship.RECEIVING))
                .isEqualTo(READ);
        for (Role other : EnumSet.of(Role.NURSE, Role.COORDINATOR, Role.ADMIN_STAFF, Role.MANAGER)) {
            assertThat(access(other, "CARDIOLOGY", RecordSection.DISCHARGE, Relationship.SENDING)).as(other.name())
                    .isEqualTo(DENY);
        }
        assertThat(access(Role.REFERRING_DOCTOR, "FAMILY_MEDICINE", RecordSection.MESSAGES, Relationship.RECEIVING))
                .as("a hospital's referring doctor is in no thread of a referral the hospital received").isEqualTo(DENY);
        for (Role doctor : EnumSet.of(Role.SPECIALIST, Role.INTERN)) {
            assertThat(access(doctor, "CARDIOLOGY", RecordSection.MESSAGES, Relationship.SENDING))
                    .as(doctor + ": in no thread of a referral their institution sent").isEqualTo(DENY);
        }
    }

    @Test
    void noRelationshipMeansNoAccess() {
        for (Role role : Role.values()) {
            for (RecordSection section : RecordSection.values()) {
                assertThat(policy.access(user(role, "CARDIOLOGY"), EnumSet.noneOf(Relationship.class), section))
                        .isEqualTo(DENY);
            }
        }
    }

    @Test
    void emergencyAccessLetsCliniciansReadButNeverWriteAndOthersNothing() {
        for (RecordSection section : RecordSection.values()) {
            for (Role clinician : EnumSet.of(Role.SPECIALIST, Role.NURSE, Role.REFERRING_DOCTOR)) {
                assertThat(access(clinician, "CARDIOLOGY", section, Relationship.EMERGENCY_ACCESS))
                        .as(clinician + " " + section).isEqualTo(READ);
            }
            for (Role other : EnumSet.of(Role.INTERN, Role.ADMIN_STAFF, Role.COORDINATOR, Role.MANAGER, Role.AUDITOR,
                    Role.SYSADMIN)) {
                assertThat(access(other, "CARDIOLOGY", section, Relationship.EMERGENCY_ACCESS))
                        .as(other + " " + section).isEqualTo(DENY);
            }
        }
    }
}
