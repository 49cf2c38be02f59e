package hk.carerelay.document;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import hk.carerelay.workflow.TaskSubmission;
import hk.carerelay.workflow.TaskSubmissions;

/** Task_WithdrawDocument: the uploader decided not to share the document. */
@Component("withdrawDocumentDelegate")
class WithdrawDocumentDelegate implements JavaDelegate {

    private final ClinicalDocuments documents;
    private final TaskSubmissions submissions;

    WithdrawDocumentDelegate(ClinicalDocuments documents, TaskSubmissions submissions) {
        this.documents = documents;
        this.submissions = submissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String documentId = execution.getProcessBusinessKey();
        TaskSubmission review = submissions.latest(documentId, ClinicalDocuments.TASK_REVIEW)
                .orElseThrow(() -> new IllegalStateException("No review submitted for document " + documentId));
        documents.withdraw(documentId, review.submittedBy(), (String) review.values().get("withdrawReason"));
    }
}
