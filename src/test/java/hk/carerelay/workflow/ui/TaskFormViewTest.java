package hk.carerelay.workflow.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;

import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.ui.FormRenderer;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

class TaskFormViewTest extends ViewTestSupport {

    @Autowired
    WorkflowTasks tasks;

    @Autowired
    ReferralService referrals;
    @Autowired
    hk.carerelay.consent.ConsentService consents;

    private record Triage(String referralId, String taskId) {
    }

    private Triage newReferralTriageTask(CareRelayUser coordinator) {
        String id = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("R246801(7)", "Form Test Patient", "1980-05-05"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Murmur", "Soft systolic murmur found at routine check.")).id();
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, users.find("gp.chan").orElseThrow(), id);
        return new Triage(id, tasks.openTasksOfCase(coordinator, id).stream().map(TaskView::id).findFirst().orElseThrow());
    }

    @Test
    @SuppressWarnings("unchecked")
    void declineNeedsAReasonAndTheFormShowsWhatIsMissing() {
        CareRelayUser coordinator = signIn("coord.wong");
        Triage triage = newReferralTriageTask(coordinator);
        String taskId = triage.taskId();
        UI.getCurrent().navigate("tasks/" + taskId);

        _assertNone(TextArea.class, spec -> spec.withId("field-declineReason"));

        RadioButtonGroup<String> decision = _get(RadioButtonGroup.class, spec -> spec.withId("field-decision"));
        _setValue(decision, "DECLINE");
        TextArea reason = _get(TextArea.class, spec -> spec.withId("field-declineReason"));
        Select<String> code = _get(Select.class, spec -> spec.withId("field-declineReasonCode"));
        _click(_get(Button.class, spec -> spec.withId("submit-task")));

        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).contains("required");
        assertThat(code.isInvalid()).as("the coded reason is required too").isTrue();
        assertThat(tasks.task(coordinator, taskId).id()).as("task still open").isEqualTo(taskId);

        _setValue(reason, "Not cardiac; please refer to respiratory.");
        _click(_get(Button.class, spec -> spec.withId("submit-task")));
        assertThat(code.isInvalid()).isTrue();
        assertThat(tasks.task(coordinator, taskId).id()).as("task still open without a code").isEqualTo(taskId);

        _setValue(code, "NOT_APPROPRIATE_SPECIALTY");
        _click(_get(Button.class, spec -> spec.withId("submit-task")));

        assertThat(tasks.openTasksOfCase(coordinator, triage.referralId())).as("declined referral has no open task")
                .isEmpty();
        assertThat(referrals.get(coordinator, triage.referralId()).status()).isEqualTo(ReferralStatus.DECLINED);
        _assertNone(FormRenderer.class);
    }

    @Test
    void aTaskOfAnotherTeamCannotBeOpened() {
        CareRelayUser coordinator = users.find("coord.wong").orElseThrow();
        String taskId = newReferralTriageTask(coordinator).taskId();
        signIn("intern.lam");
        UI.getCurrent().navigate("tasks/" + taskId);
        _assertNone(FormRenderer.class);
        _get(H2.class, spec -> spec.withText("This task is not available"));
    }

}
