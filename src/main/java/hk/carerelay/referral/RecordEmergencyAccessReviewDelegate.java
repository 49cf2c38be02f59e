package hk.carerelay.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import hk.carerelay.workflow.TaskSubmission;
import hk.carerelay.workflow.TaskSubmissions;

/** Task_RecordReviewOutcome: files the managers' finding on the grant (and ends it early if not justified). */
@Component("recordEmergencyAccessReviewDelegate")
class RecordEmergencyAccessReviewDelegate implements JavaDelegate {

    private final EmergencyAccess emergencyAccess;
    private final TaskSubmissions submissions;

    RecordEmergencyAccessReviewDelegate(EmergencyAccess emergencyAccess, TaskSubmissions submissions) {
        this.emergencyAccess = emergencyAccess;
        this.submissions = submissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String grantId = execution.getProcessBusinessKey();
        TaskSubmission review = submissions.latest(grantId, EmergencyAccess.TASK_REVIEW)
                .orElseThrow(() -> new IllegalStateException("No review submitted for emergency access " + grantId));
        emergencyAccess.recordReview(grantId, (String) execution.getVariable("reviewOutcome"), review.submittedBy(),
                (String) review.values().get("reviewComment"));
    }
}
