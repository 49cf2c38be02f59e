package hk.carerelay.document;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import hk.carerelay.access.Relationship;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.Referral;
import hk.carerelay.workflow.CaseAccess;
import hk.carerelay.workflow.CaseSummary;

/** The cases of the document review: the sending side of the document's referral, with DOCUMENTS access. */
@Component
class DocumentReviewCaseAccess implements CaseAccess {

    private final ClinicalDocuments documents;

    /** Lazy: the task path needs every CaseAccess, and documents need the referral service, which needs the task path. */
    DocumentReviewCaseAccess(@Lazy ClinicalDocuments documents) {
        this.documents = documents;
    }

    @Override
    public String processDefinitionKey() {
        return ClinicalDocuments.PROCESS_KEY;
    }

    @Override
    public Map<String, CaseSummary> visibleCases(CareRelayUser user, Collection<String> caseIds) {
        Map<String, CaseSummary> visible = new HashMap<>();
        // one read for the whole list, not one per listed review
        documents.reviewCases(user, caseIds).forEach((id, c) -> {
            if (c.access().standing().contains(Relationship.SENDING)) {
                Referral r = c.access().referral();
                visible.put(id, new CaseSummary(id, r.id(), r.patientName(), c.document().status().name(),
                        r.urgency().name(), r.specialty(), r.sendingInstitution(), r.receivingInstitution()));
            }
        });
        return visible;
    }

    /** A finding number to leave visible must be one of the document's findings: a typing error is not ignored. */
    @Override
    public void checkSubmission(CaseSummary summary, String taskKey, Map<String, Object> values) {
        if (ClinicalDocuments.TASK_REVIEW.equals(taskKey) && "RELEASE".equals(values.get("decision"))) {
            documents.checkFindingNumbers(summary.caseId(), (String) values.get("keepVisible"));
        }
    }
}
