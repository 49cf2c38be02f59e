package hk.carerelay.referral;

import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.workflow.EngineAuthorizations;

/**
 * Shares running referral processes that were started before engine authorization was switched on with the groups
 * that would have been given them at start (ADR 0010), so that their senders can still ask to cancel them.
 */
@Component
class ReferralInstanceGrants {

    private final EngineAuthorizations engineAuthorizations;
    private final ReferralRepository referrals;

    ReferralInstanceGrants(EngineAuthorizations engineAuthorizations, ReferralRepository referrals) {
        this.engineAuthorizations = engineAuthorizations;
        this.referrals = referrals;
    }

    @EventListener(ApplicationReadyEvent.class)
    void shareInstancesStartedWithoutGrants() {
        for (ProcessInstance instance : engineAuthorizations.instancesWithoutGrants(ReferralVariables.PROCESS_KEY)) {
            referrals.find(instance.getBusinessKey()).ifPresent(r -> engineAuthorizations.shareInstance(instance.getId(),
                    ReferralScope.engineGroups(r.sendingInstitution(), r.receivingInstitution(), r.specialty()),
                    List.of(CareRelayUser.group(r.sendingInstitution(), Role.REFERRING_DOCTOR))));
        }
    }
}
