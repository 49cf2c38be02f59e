package hk.carerelay.referral;

import java.util.EnumSet;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;

import hk.carerelay.access.Relationship;
import hk.carerelay.identity.CareRelayUser;

/** How a user stands to a referral, for the access policy. */
@Component
class ReferralRelationships {

    private final HistoryService history;

    ReferralRelationships(HistoryService history) {
        this.history = history;
    }

    /** Sending or receiving side, same department; without the care-team lookup (for lists). */
    static Set<Relationship> basic(CareRelayUser user, String sending, String receiving, String specialty) {
        Set<Relationship> relationships = EnumSet.noneOf(Relationship.class);
        if (user.institution() == null) {
            return relationships;
        }
        if (user.institution().equals(sending)) {
            relationships.add(Relationship.SENDING);
        }
        if (user.institution().equals(receiving)) {
            relationships.add(Relationship.RECEIVING);
        }
        if (!relationships.isEmpty() && specialty != null && specialty.equals(user.department())) {
            relationships.add(Relationship.SAME_DEPARTMENT);
        }
        return relationships;
    }

    /** All relationships, including the care team: the user has been assigned one of the referral's tasks. */
    Set<Relationship> of(CareRelayUser user, String sending, String receiving, String specialty,
            String processInstanceId) {
        Set<Relationship> relationships = basic(user, sending, receiving, specialty);
        if (!relationships.isEmpty() && processInstanceId != null && history.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId).taskAssignee(user.username()).count() > 0) {
            relationships.add(Relationship.CARE_TEAM);
        }
        return relationships;
    }
}
