package hk.carerelay.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static hk.carerelay.form.StructuredForms.DISCHARGE_LIKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormParser;
import hk.carerelay.form.FormValidator;
import hk.carerelay.form.FormValidatorTest;

/** The renderer's groups, rows and read-only fields, worked as a user would, without the application context. */
class FormRendererTest {

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private FormRenderer render(Map<String, ?> data) {
        FormRenderer renderer = new FormRenderer(DISCHARGE_LIKE, Locale.ENGLISH, data);
        UI.getCurrent().add(renderer);
        return renderer;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGroupShowsAndHidesWithItsCondition() {
        FormRenderer renderer = render(Map.of());
        _assertNone(Div.class, spec -> spec.withId("group-transfer"));
        _assertNone(TextField.class, spec -> spec.withId("field-destination"));

        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-outcome")), "TRANSFER");
        Div group = _get(Div.class, spec -> spec.withId("group-transfer"));
        _setValue(_get(TextField.class, spec -> spec.withId("field-destination")), "Ruttonjee");
        assertThat(renderer.values()).containsEntry("destination", "Ruttonjee");

        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-outcome")), "HOME");
        assertThat(group.isVisible()).isFalse();
        assertThat(renderer.values()).doesNotContainKey("destination");
    }

    /** What the page shows beside the form (a preview link) can follow the values as they are entered. */
    @Test
    @SuppressWarnings("unchecked")
    void listenersHearTheValuesAsTheyChange() {
        FormRenderer renderer = render(Map.of());
        List<Map<String, Object>> heard = new java.util.ArrayList<>();
        renderer.addValuesListener(heard::add);
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-outcome")), "TRANSFER");
        _setValue(_get(TextField.class, spec -> spec.withId("field-destination")), "Ruttonjee");
        assertThat(heard).hasSizeGreaterThanOrEqualTo(2);
        assertThat(heard.get(heard.size() - 1)).isEqualTo(renderer.values()).containsEntry("destination", "Ruttonjee");
    }

    @Test
    void rowsAreAddedAndRemovedWithinTheListsLimits() {
        render(Map.of());
        assertThat(_find(Div.class, spec -> spec.withClasses("form-row"))).hasSize(1);
        Button add = _get(Button.class, spec -> spec.withId("add-medications"));
        assertThat(_get(Button.class, spec -> spec.withId("remove-medications-0")).isEnabled())
                .as("the one row a list needs cannot be removed").isFalse();

        _click(add);
        _click(add);
        assertThat(_find(Div.class, spec -> spec.withClasses("form-row"))).hasSize(3);
        assertThat(add.isEnabled()).as("no fourth row").isFalse();

        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-2-drug")), "Metformin");
        _click(_get(Button.class, spec -> spec.withId("remove-medications-0")));

        assertThat(_find(Div.class, spec -> spec.withClasses("form-row"))).hasSize(2);
        assertThat(add.isEnabled()).isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("field-medications-1-drug")).getValue())
                .as("ids follow the rows' positions").isEqualTo("Metformin");
        _assertNone(TextField.class, spec -> spec.withId("field-medications-2-drug"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void rowValuesAreSubmittedAsAListOfMapsWithoutTheirHiddenFields() {
        FormRenderer renderer = render(Map.of());
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-outcome")), "HOME");
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-0-drug")), "Aspirin");
        _setValue(_get(Select.class, spec -> spec.withId("field-medications-0-change")), "NEW");
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-0-dose")), "80 mg");
        _setValue(_get(NumberField.class, spec -> spec.withId("field-medications-0-days")), 14.0);
        _click(_get(Button.class, spec -> spec.withId("add-medications")));
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-1-drug")), "Metformin");
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-1-dose")), "500 mg");
        _setValue(_get(Select.class, spec -> spec.withId("field-medications-1-change")), "STOPPED");

        _assertNone(TextField.class, spec -> spec.withId("field-medications-1-dose"));
        assertThat(renderer.values()).isEqualTo(Map.of("outcome", "HOME", "medications", List.of(
                Map.of("drug", "Aspirin", "change", "NEW", "dose", "80 mg", "days", 14.0),
                Map.of("drug", "Metformin", "change", "STOPPED"))));
        assertThat(renderer.validate()).isTrue();
        assertThat(FormValidator.validate(DISCHARGE_LIKE, renderer.values())).as("the server agrees")
                .containsKey("medications");
    }

    @Test
    @SuppressWarnings("unchecked")
    void errorsInARowAreShownOnThatRowsField() {
        FormRenderer renderer = render(Map.of());
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-outcome")), "HOME");
        _click(_get(Button.class, spec -> spec.withId("add-medications")));
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-0-drug")), "Aspirin");
        _setValue(_get(Select.class, spec -> spec.withId("field-medications-0-change")), "NEW");
        _setValue(_get(TextField.class, spec -> spec.withId("field-medications-0-dose")), "80 mg");
        _setValue(_get(NumberField.class, spec -> spec.withId("field-medications-1-days")), 120.0);

        assertThat(renderer.validate()).isFalse();

        TextField drug = _get(TextField.class, spec -> spec.withId("field-medications-1-drug"));
        NumberField days = _get(NumberField.class, spec -> spec.withId("field-medications-1-days"));
        assertThat(drug.isInvalid()).isTrue();
        assertThat(drug.getErrorMessage()).isEqualTo("is required");
        assertThat(days.getErrorMessage()).isEqualTo("must be at most 90");
        assertThat(_get(TextField.class, spec -> spec.withId("field-medications-0-drug")).isInvalid()).isFalse();
    }

    @Test
    void aListErrorFromTheServerIsShownUnderTheList() {
        FormRenderer renderer = render(Map.of());
        renderer.showErrors(List.of(new hk.carerelay.shared.FieldError("medications", "needs at least 1 row(s)")));

        Div box = _get(Div.class, spec -> spec.withId("field-medications"));
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._get(box, com.vaadin.flow.component.html.Span.class, spec -> spec.withId("errors-medications"))
                .getText()).isEqualTo("needs at least 1 row(s)");
    }

    @Test
    void aReadOnlyFieldShowsTheServersValueAndIsNotSubmitted() {
        FormRenderer renderer = render(Map.of("patientName", "Chan Tai Man"));
        TextField patient = _get(TextField.class, spec -> spec.withId("field-patientName"));

        assertThat(patient.getValue()).isEqualTo("Chan Tai Man");
        assertThat(patient.isReadOnly()).isTrue();
        assertThat(renderer.values()).doesNotContainKey("patientName");
        assertThat(_get(Checkbox.class, spec -> spec.withId("field-isolation")).isVisible())
                .as("a condition reads the server's value").isTrue();
    }

    @Test
    void withoutServerDataAFieldConditionedOnItStaysHidden() {
        render(Map.of());
        _assertNone(Checkbox.class, spec -> spec.withId("field-isolation"));
    }

    // ---- the consent form: a drawn signature, and substitute fields shown for a child or without capacity ----

    private static FormDefinition consentForm() {
        try (var in = FormRendererTest.class.getResourceAsStream("/forms/consent/consent.form")) {
            return FormParser.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FormRenderer renderConsent(boolean under16) {
        FormRenderer renderer = new FormRenderer(consentForm(), Locale.ENGLISH, Map.of("patientUnder16", under16));
        UI.getCurrent().add(renderer);
        return renderer;
    }

    @Test
    void theSignatureFieldHoldsWhatTheCanvasSentAndIsCheckedAsTheServerChecksIt() {
        FormRenderer renderer = renderConsent(false);
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-decision")), "GRANTED");
        SignaturePad pad = _get(SignaturePad.class, spec -> spec.withId("field-signature"));
        assertThat(pad.isRequiredIndicatorVisible()).isTrue();

        assertThat(renderer.validate()).isFalse();
        assertThat(pad.isInvalid()).isTrue();
        assertThat(pad.getErrorMessage()).isEqualTo("is required");

        pad.signed(FormValidatorTest.png(480, 160, false));
        assertThat(renderer.validate()).as("a blank canvas").isFalse();
        assertThat(pad.getErrorMessage()).isEqualTo("is empty: nothing was drawn");

        String drawn = FormValidatorTest.png(480, 160, true);
        pad.signed(drawn);
        assertThat(renderer.validate()).isTrue();
        assertThat(pad.isInvalid()).isFalse();
        assertThat(renderer.values()).containsEntry("signature", drawn).containsEntry("scope", "REFERRAL")
                .containsEntry("patientHasCapacity", "true");

        pad.clear();
        assertThat(renderer.values()).doesNotContainKey("signature");
    }

    @Test
    void theSubstituteDecisionMakerShowsOnlyForAPatientWithoutCapacity() {
        FormRenderer renderer = renderConsent(false);
        _assertNone(TextField.class, spec -> spec.withId("field-substituteName"));
        _assertNone(TextField.class, spec -> spec.withId("field-patientUnder16"));

        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-patientHasCapacity")), "false");
        TextField name = _get(TextField.class, spec -> spec.withId("field-substituteName"));
        _setValue(name, "Chan Ka Yee");
        _setValue(_get(Select.class, spec -> spec.withId("field-substituteRelationship")), "CHILD");
        assertThat(renderer.values()).containsEntry("substituteName", "Chan Ka Yee")
                .containsEntry("substituteRelationship", "CHILD");

        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-patientHasCapacity")), "true");
        _assertNone(TextField.class, spec -> spec.withId("field-substituteName"));
        assertThat(renderer.values()).as("hidden again, so not submitted")
                .doesNotContainKeys("substituteName", "substituteRelationship");
    }

    @Test
    void forAChildTheSubstituteDecisionMakerShowsAtOnceAndIsRequired() {
        FormRenderer renderer = renderConsent(true);
        assertThat(_get(TextField.class, spec -> spec.withId("field-patientUnder16")).getValue()).isEqualTo("Yes");
        TextField name = _get(TextField.class, spec -> spec.withId("field-substituteName"));
        assertThat(name.isVisible()).isTrue();
        _setValue(_get(RadioButtonGroup.class, spec -> spec.withId("field-decision")), "GRANTED");
        _get(SignaturePad.class).signed(FormValidatorTest.png(480, 160, true));

        assertThat(renderer.validate()).isFalse();
        assertThat(name.getErrorMessage()).isEqualTo("is required");
        assertThat(_get(Select.class, spec -> spec.withId("field-substituteRelationship")).isInvalid()).isTrue();
    }

    @Test
    void aSubmittedChecklistShowsItsOptionLabelsAndASignatureIsNotShownAsText() {
        FormDefinition form = FormParser.parse("""
                { "id": "shown", "components": [
                  { "type": "checklist", "key": "sections", "label": "Sections",
                    "values": [ { "label": "Summary", "value": "SUMMARY" }, { "label": "Results", "value": "RESULTS" } ] },
                  { "type": "signature", "key": "signature", "label": "Signature" } ] }
                """);
        SubmittedForm shown = new SubmittedForm(form, Map.of("sections", List.of("SUMMARY", "RESULTS"),
                "signature", FormValidatorTest.png(100, 40, true)), Locale.ENGLISH);
        String text = shown.getElement().getTextRecursively();
        assertThat(text).contains("Sections: Summary, Results").contains("Signature: ").doesNotContain("base64");
    }

    @Test
    void aSubmittedListRowLabelsEveryAnswerAfterItsFirst() {
        FormDefinition form = FormParser.parse("""
                { "id": "shown", "components": [
                  { "type": "dynamiclist", "path": "items", "label": "Follow-up items", "isRepeating": true,
                    "components": [
                      { "type": "textfield", "key": "action", "label": "Action" },
                      { "type": "radio", "key": "dueKind", "label": "Due",
                        "values": [ { "label": "In a number of days", "value": "INTERVAL" },
                                    { "label": "On a date", "value": "DATE" } ] },
                      { "type": "number", "key": "dueInDays", "label": "Days after discharge" } ] } ] }
                """);
        SubmittedForm shown = new SubmittedForm(form, Map.of("items", List.of(
                Map.of("action", "Check the wound", "dueKind", "INTERVAL", "dueInDays", 7))), Locale.ENGLISH);
        assertThat(shown.getElement().getTextRecursively()).contains(
                "• Check the wound · Due: In a number of days · Days after discharge: 7");
    }
}
