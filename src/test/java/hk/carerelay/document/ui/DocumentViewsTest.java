package hk.carerelay.document.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Location;

import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.referral.ReferralRequest;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.ui.ViewTestSupport;
import hk.carerelay.workflow.TaskView;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * The document screens as each side sees them: the referring doctor attaches and reviews with the findings marked in
 * the text and a preview of the redacted copy; the cardiologist finds nothing before release and afterwards the redacted copy, page by page, with no
 * switch to the original; each opening is audited.
 */
class DocumentViewsTest extends ViewTestSupport {

    @Autowired
    ReferralService referrals;
    @Autowired
    hk.carerelay.consent.ConsentService consents;
    @Autowired
    ClinicalDocuments documents;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    ManagementService managementService;
    @Autowired
    JdbcClient jdbc;

    private long views(String username, String documentId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = ? AND object_id = ? AND action = 'VIEW'")
                .params(username, documentId).query(Long.class).single();
    }

    @Test
    void theUploaderReviewsWithMarkedFindingsAndTheSpecialistSeesTheRedactedPages() {
        String referral = referrals.submit(users.find("gp.chan").orElseThrow(), new ReferralRequest(
                new ReferralRequest.Patient("Z314159(5)", "View Patient", "1970-01-01"), "HSC", "CARDIOLOGY",
                "ROUTINE", "Palpitations", "See the letter.")).id();
        hk.carerelay.consent.ConsentFixtures.consentToShare(consents, users.find("gp.chan").orElseThrow(), referral);
        ClinicalDocuments.Document d = documents.upload(users.find("gp.chan").orElseThrow(), referral, "letter.txt",
                "LETTER", "Patient HKID Z314159(5), phone 9876 5432. Palpitations, Holter pending."
                        .getBytes(StandardCharsets.UTF_8));

        signIn("gp.chan");
        UI.getCurrent().navigate("referrals/" + referral + "/documents");
        _get(Upload.class, spec -> spec.withId("document-upload"));
        assertThat(_get(Grid.class, spec -> spec.withId("document-grid")).getGenericDataView().getItems().count())
                .isOne();
        TaskView review = tasks.tasksFor(users.find("gp.chan").orElseThrow()).stream()
                .filter(t -> t.taskKey().equals("Task_ReviewRedaction") && d.id().equals(t.summary().caseId()))
                .findFirst().orElseThrow();
        UI.getCurrent().navigate("tasks/" + review.id());
        assertThat(_get(Div.class, spec -> spec.withId("review-text")).getElement().getTextRecursively())
                .contains("Z314159(5)").contains("[1]");
        assertThat(_get(Grid.class, spec -> spec.withId("review-findings")).getGenericDataView().getItems().count())
                .isGreaterThanOrEqualTo(2);
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-decision")), "RELEASE");
        TextField keepVisible = _get(TextField.class, spec -> spec.withId("field-keepVisible"));
        _setValue(keepVisible, "1, 77");
        _click(_get(Button.class, spec -> spec.withId("submit-task")));
        assertThat(keepVisible.isInvalid()).as("a finding number the document does not have").isTrue();
        assertThat(keepVisible.getErrorMessage()).contains("\"77\"").doesNotContain("\"1\"");
        assertThat(tasks.task(users.find("gp.chan").orElseThrow(), review.id()).id()).as("task still open")
                .isEqualTo(review.id());

        // the preview link follows the form's choices before they are submitted
        Anchor previewLink = _get(Anchor.class, spec -> spec.withId("review-preview"));
        Location withUnknown = new Location(previewLink.getHref());
        assertThat(withUnknown.getPath()).isEqualTo("documents/" + d.id());
        assertThat(withUnknown.getQueryParameters().getSingleParameter("keepVisible")).contains("1, 77");
        _setValue(keepVisible, "1");
        _setValue(_get(TextArea.class, spec -> spec.withId("field-alsoMask")), "Holter");
        Location withChoices = new Location(previewLink.getHref());
        assertThat(withChoices.getQueryParameters().getParameters())
                .isEqualTo(Map.of("keepVisible", List.of("1"), "alsoMask", List.of("Holter")));
        assertThat(previewLink.getText()).startsWith("Preview the redacted copy with the choices below");
        assertThat(previewLink.getElement().getAttribute("target")).as("the form stays as it is").isEqualTo("_blank");
        UI.getCurrent().navigate(withUnknown.getPath(), withUnknown.getQueryParameters());
        assertThat(_get(Paragraph.class, spec -> spec.withId("document-choices-refused")).getText())
                .as("a choice the form would refuse, named").contains("\"77\"");
        _assertNone(Image.class);
        UI.getCurrent().navigate(withChoices.getPath(), withChoices.getQueryParameters());
        assertThat(_get(Paragraph.class, spec -> spec.withId("document-preview")).getText())
                .as("the preview says it shows the form's choices").startsWith("Preview with the choices");
        assertThat(_find(Image.class)).as("its pages").isNotEmpty();

        UI.getCurrent().navigate("tasks/" + review.id());
        assertThat(_get(Anchor.class, spec -> spec.withId("review-preview")).getHref())
                .as("no choices: the masks as found").isEqualTo("documents/" + d.id());
        UI.getCurrent().navigate("documents/" + d.id());
        assertThat(_get(Paragraph.class, spec -> spec.withId("document-preview")).getText())
                .as("during review the uploader sees a preview of the redacted copy").startsWith("Preview");
        assertThat(_find(Image.class)).as("its pages").isNotEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = 'gp.chan' AND object_id = ? "
                + "AND action = 'VIEW' AND detail LIKE 'redacted preview copy in the viewer%'").param(d.id())
                .query(Long.class).single()).as("audited as a preview").isOne();

        signIn("dr.lee");
        UI.getCurrent().navigate("referrals/" + referral + "/documents");
        _assertNone(Upload.class);
        _assertNone(Grid.class, spec -> spec.withId("document-grid"));
        UI.getCurrent().navigate("documents/" + d.id());
        assertThat(_get(H2.class).getText()).isEqualTo("Document not found");

        tasks.complete(users.find("gp.chan").orElseThrow(), review.id(), Map.of("decision", "RELEASE"));
        managementService.executeJob(managementService.createJobQuery()
                .processInstanceId(d.processInstanceId()).singleResult().getId());

        long before = views("dr.lee", d.id());
        UI.getCurrent().navigate("documents/" + d.id());
        assertThat(_get(H2.class, spec -> spec.withId("document-title")).getText()).isEqualTo("letter.txt");
        assertThat(_find(Image.class)).as("one image per page").isNotEmpty();
        _assertNone(RadioButtonGroup.class);
        _assertNone(Paragraph.class, spec -> spec.withId("document-preview"));
        assertThat(views("dr.lee", d.id())).as("opening the viewer is audited").isGreaterThan(before);
    }
}
