package hk.carerelay.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import hk.carerelay.ApplicationTest;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/** The decision table's consent block (ADR 0019): before consent the receiving side gets the administrative part. */
@ApplicationTest
class AwaitingConsentPolicyTest {

    private static final Set<RecordSection> CLINICAL = EnumSet.of(RecordSection.REFERRAL_SUMMARY,
            RecordSection.DIAGNOSES, RecordSection.MEDICATIONS, RecordSection.RESULTS, RecordSection.DOCUMENTS,
            RecordSection.CONSULTATION_NOTES);

    @Autowired
    AccessPolicy policy;

    private Set<RecordSection> readable(Role role, Relationship... standing) {
        return policy.readable(new CareRelayUser("u", "U", role, "HSC", "CARDIOLOGY"),
                AccessPolicy.withoutSharingConsent(EnumSet.copyOf(Set.of(standing))));
    }

    @Test
    void beforeConsentTheReceivingTeamSeesWhoAndWhenAndMessagesButNothingClinical() {
        for (Role role : EnumSet.of(Role.COORDINATOR, Role.SPECIALIST, Role.NURSE)) {
            Set<RecordSection> readable = readable(role, Relationship.RECEIVING, Relationship.SAME_DEPARTMENT,
                    Relationship.CARE_TEAM);
            assertThat(readable).as(role.name()).contains(RecordSection.DEMOGRAPHICS, RecordSection.CONTACT,
                    RecordSection.APPOINTMENTS, RecordSection.MESSAGES).doesNotContainAnyElementsOf(CLINICAL);
        }
        assertThat(readable(Role.MANAGER, Relationship.RECEIVING))
                .containsExactlyInAnyOrder(RecordSection.DEMOGRAPHICS, RecordSection.APPOINTMENTS);
        assertThat(readable(Role.INTERN, Relationship.RECEIVING, Relationship.SAME_DEPARTMENT)).isEmpty();
    }

    @Test
    void theSenderAndEmergencyAccessAreNotGated() {
        assertThat(AccessPolicy.withoutSharingConsent(EnumSet.of(Relationship.SENDING)))
                .containsExactly(Relationship.SENDING);
        assertThat(AccessPolicy.withoutSharingConsent(EnumSet.of(Relationship.EMERGENCY_ACCESS)))
                .containsExactly(Relationship.EMERGENCY_ACCESS);
        assertThat(readable(Role.REFERRING_DOCTOR, Relationship.SENDING)).containsAll(CLINICAL);
        assertThat(readable(Role.SPECIALIST, Relationship.EMERGENCY_ACCESS)).containsAll(CLINICAL);
    }
}
