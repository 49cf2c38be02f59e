package hk.carerelay.referral;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.NativeHistoricTaskInstanceQuery;
import org.springframework.stereotype.Component;

import hk.carerelay.access.Relationship;
import hk.carerelay.identity.CareRelayUser;

/** How a user stands to a referral, for the access policy. */
@Component
class ReferralRelationships {

    /** Process instances per native query: well under any database's limit of bind parameters. */
    private static final int IDS_PER_QUERY = 500;

    private final HistoryService history;
    private final String historicTaskTable;

    ReferralRelationships(HistoryService history, ManagementService management) {
        this.history = history;
        this.historicTaskTable = management.getTableName(HistoricTaskInstance.class);
    }

    /** Of the process instances, those in which the user has been assigned a task: one query for a whole list. */
    Set<String> careTeamInstances(CareRelayUser user, Collection<String> processInstanceIds) {
        List<String> ids = processInstanceIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            NativeHistoricTaskInstanceQuery query = history.createNativeHistoricTaskInstanceQuery();
            StringJoiner in = new StringJoiner(", ", "SELECT * FROM " + historicTaskTable
                    + " WHERE ASSIGNEE_ = #{assignee} AND PROC_INST_ID_ IN (", ")");
            for (int i = 0; i < chunk.size(); i++) {
                in.add("#{id" + i + "}");
                query.parameter("id" + i, chunk.get(i));
            }
            query.parameter("assignee", user.username());
            query.sql(in.toString()).list().forEach(t -> found.add(t.getProcessInstanceId()));
        }
        return found;
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
