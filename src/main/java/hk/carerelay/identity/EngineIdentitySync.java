package hk.carerelay.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's users, groups and memberships in step with CareRelay's accounts, so that candidate groups
 * resolve and Cockpit/Tasklist show the same people. CareRelay's tables stay the source: memberships it does not give
 * are removed. Engine users get no password.
 */
@Component
class EngineIdentitySync {

    private final IdentityService identity;
    private final UserDirectory users;

    EngineIdentitySync(IdentityService identity, UserDirectory users) {
        this.identity = identity;
        this.users = users;
    }

    @EventListener(ApplicationReadyEvent.class)
    void syncAll() {
        users.all().forEach(this::sync);
    }

    @EventListener
    void on(UserAccountChanged event) {
        sync(event.user());
    }

    void sync(CareRelayUser user) {
        User engineUser = identity.createUserQuery().userId(user.username()).singleResult();
        if (engineUser == null) {
            engineUser = identity.newUser(user.username());
        }
        engineUser.setFirstName(user.displayName());
        engineUser.setLastName("");
        identity.saveUser(engineUser);
        for (String groupId : user.engineGroups()) {
            if (identity.createGroupQuery().groupId(groupId).singleResult() == null) {
                Group group = identity.newGroup(groupId);
                group.setName(groupId);
                group.setType("camunda-admin".equals(groupId) ? "SYSTEM" : "WORKFLOW");
                identity.saveGroup(group);
            }
            if (identity.createUserQuery().userId(user.username()).memberOfGroup(groupId).count() == 0) {
                identity.createMembership(user.username(), groupId);
            }
        }
        // a membership CareRelay no longer gives (another role, department or institution) would keep the engine's
        // webapps showing the old team's tasks and processes
        for (Group group : identity.createGroupQuery().groupMember(user.username()).list()) {
            if (!user.engineGroups().contains(group.getId())) {
                identity.deleteMembership(user.username(), group.getId());
            }
        }
    }
}
