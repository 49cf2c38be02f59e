package hk.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import hk.carerelay.ApplicationTest;

/** The engine's memberships follow CareRelay's accounts exactly: a group CareRelay no longer gives is left. */
@ApplicationTest
class EngineIdentitySyncTest {

    @Autowired
    EngineIdentitySync sync;
    @Autowired
    IdentityService identity;
    @Autowired
    UserDirectory users;

    @Test
    void aMembershipCareRelayDoesNotGiveIsRemovedAndTheOthersStay() {
        CareRelayUser nurse = users.find("nurse.ho").orElseThrow();
        // as if the nurse had been a coordinator at another hospital before
        String stale = CareRelayUser.casesGroup("LRH");
        assertThat(nurse.engineGroups()).doesNotContain(stale);
        if (identity.createGroupQuery().groupId(stale).singleResult() == null) {
            identity.saveGroup(identity.newGroup(stale));
        }
        identity.createMembership(nurse.username(), stale);

        sync.sync(nurse);

        assertThat(identity.createGroupQuery().groupMember(nurse.username()).list().stream().map(Group::getId)
                .collect(Collectors.toSet())).isEqualTo(java.util.Set.copyOf(nurse.engineGroups()));
        assertThat(identity.createUserQuery().memberOfGroup(stale).userId("coord.cheung").count())
                .as("the group's own members stay").isEqualTo(1);
    }
}
