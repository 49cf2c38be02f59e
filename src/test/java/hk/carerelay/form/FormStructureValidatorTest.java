package hk.carerelay.form;

import static hk.carerelay.form.StructuredForms.DISCHARGE_LIKE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;

/** The server's rules for groups, lists of rows and read-only fields: the same rules the renderer applies. */
class FormStructureValidatorTest {

    private static final Map<String, Object> ASPIRIN = Map.of("drug", "Aspirin", "change", "NEW", "dose", "80 mg");

    // ---- groups ----

    @Test
    void aHiddenGroupsFieldsAreNeitherRequiredNorKept() {
        Map<String, Object> values = FormValidator.validate(DISCHARGE_LIKE,
                Map.of("outcome", "HOME", "destination", "Ward 5", "medications", List.of(ASPIRIN)));

        assertThat(values).containsOnlyKeys("outcome", "medications");
    }

    @Test
    void aShownGroupsFieldsAreCheckedAndKeptAtTheTopLevel() {
        assertThat(errors(Map.of("outcome", "TRANSFER", "medications", List.of(ASPIRIN))))
                .containsExactly(new FieldError("destination", "is required"));
        assertThat(errors(Map.of("outcome", "TRANSFER", "destination", "Xy", "medications", List.of(ASPIRIN))))
                .containsExactly(new FieldError("destination", "must be at least 3 characters"));
        assertThat(errors(Map.of("outcome", "TRANSFER", "destination", "ward 5", "medications", List.of(ASPIRIN))))
                .containsExactly(new FieldError("destination", "does not have the expected format"));
        assertThat(FormValidator.validate(DISCHARGE_LIKE,
                Map.of("outcome", "TRANSFER", "destination", "Ruttonjee", "medications", List.of(ASPIRIN))))
                .containsEntry("destination", "Ruttonjee");
    }

    // ---- lists of rows ----

    @Test
    void rowsComeBackAsAListOfNormalisedMaps() {
        Map<String, Object> values = FormValidator.validate(DISCHARGE_LIKE, Map.of("outcome", "HOME", "medications",
                List.of(Map.of("drug", " Aspirin ", "change", "NEW", "dose", "80 mg", "days", "14"),
                        Map.of("drug", "Metformin", "change", "STOPPED"))));

        assertThat(values.get("medications")).isEqualTo(List.of(
                Map.of("drug", "Aspirin", "change", "NEW", "dose", "80 mg", "days", 14L),
                Map.of("drug", "Metformin", "change", "STOPPED")));
    }

    @Test
    void rowErrorsNameTheRowAndTheField() {
        List<FieldError> errors = errors(Map.of("outcome", "HOME", "medications", List.of(ASPIRIN,
                Map.of("change", "NEW", "dose", "1 tab", "days", 120),
                Map.of("drug", "x".repeat(41), "change", "LATER", "dose", "2"))));

        assertThat(errors).containsExactlyInAnyOrder(
                new FieldError("medications[1].drug", "is required"),
                new FieldError("medications[1].days", "must be at most 90"),
                new FieldError("medications[2].drug", "must be at most 40 characters"),
                new FieldError("medications[2].change", "must be one of [NEW, STOPPED]"));
    }

    @Test
    void aConditionInARowReadsThatRowsValues() {
        Map<String, Object> values = FormValidator.validate(DISCHARGE_LIKE, Map.of("outcome", "HOME", "medications",
                List.of(Map.of("drug", "Metformin", "change", "STOPPED", "dose", "500 mg"))));

        assertThat(values.get("medications")).isEqualTo(List.of(Map.of("drug", "Metformin", "change", "STOPPED")));
        assertThat(errors(Map.of("outcome", "HOME", "medications", List.of(Map.of("drug", "Metformin", "change", "NEW")))))
                .containsExactly(new FieldError("medications[0].dose", "is required"));
    }

    @Test
    void theRowCountMustBeWithinTheListsLimits() {
        assertThat(errors(Map.of("outcome", "HOME", "medications", List.of())))
                .containsExactly(new FieldError("medications", "needs at least 1 row(s)"));
        assertThat(errors(Map.of("outcome", "HOME")))
                .containsExactly(new FieldError("medications", "needs at least 1 row(s)"));
        assertThat(errors(Map.of("outcome", "HOME", "medications", List.of(ASPIRIN, ASPIRIN, ASPIRIN, ASPIRIN))))
                .containsExactly(new FieldError("medications", "must have at most 3 rows"));
    }

    @Test
    void aListMustBeAListOfObjectsOfItsOwnFields() {
        assertThat(errors(Map.of("outcome", "HOME", "medications", "Aspirin")))
                .containsExactly(new FieldError("medications", "must be a list of rows"));
        assertThat(errors(Map.of("outcome", "HOME", "medications", List.of("Aspirin"))))
                .containsExactly(new FieldError("medications[0]", "must be an object of the row's fields"));
        assertThat(errors(Map.of("outcome", "HOME", "medications", List.of(Map.of("drug", "A", "change", "NEW",
                "dose", "1", "route", "oral")))))
                .containsExactly(new FieldError("medications[0].route", "is not a field of this list"));
    }

    @Test
    void aListWithoutLimitsStillHasAnUpperBound() {
        FormDefinition form = FormParser.parse("""
                { "id": "f", "components": [ { "type": "dynamiclist", "path": "items",
                  "components": [ { "type": "textfield", "key": "what" } ] } ] }
                """);
        List<Map<String, Object>> rows = java.util.Collections.nCopies(FormValidator.LIST_MAX + 1, Map.of("what", "x"));

        assertThat(FormValidator.validate(form, Map.of())).isEmpty();
        assertThat(catchThrowableOfType(ValidationException.class, () -> FormValidator.validate(form, Map.of("items", rows)))
                .errors()).containsExactly(new FieldError("items", "must have at most " + FormValidator.LIST_MAX + " rows"));
    }

    // ---- read-only fields ----

    @Test
    void aReadOnlyFieldIsNeverAcceptedFromTheClient() {
        assertThat(errors(Map.of("patientName", "Someone Else", "outcome", "HOME", "medications", List.of(ASPIRIN))))
                .containsExactly(new FieldError("patientName", "is read-only; the server supplies it"));
    }

    @Test
    void conditionsSeeTheServersValueForAReadOnlyField() {
        Map<String, Object> submitted = Map.of("outcome", "HOME", "isolation", true, "medications", List.of(ASPIRIN));

        assertThat(FormValidator.validate(DISCHARGE_LIKE, submitted)).doesNotContainKey("isolation");
        assertThat(FormValidator.validate(DISCHARGE_LIKE, submitted, Map.of("patientName", "Chan Tai Man")))
                .containsEntry("isolation", true).doesNotContainKey("patientName");
    }

    // ---- what the parser refuses ----

    @Test
    void structuresTheValidatorCannotEnforceAreRefusedWhenTheFormIsLoaded() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "dynamiclist", "components": [ { "type": "textfield", "key": "a" } ] } ] }
                """)).hasMessageContaining("needs a path");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "dynamiclist", "path": "l", "components": [
                  { "type": "textfield", "key": "a", "readonly": true } ] } ] }
                """)).hasMessageContaining("read-only");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "group", "path": "g", "components": [ { "type": "textfield", "key": "a" } ] } ] }
                """)).hasMessageContaining("has a path");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "dynamiclist", "path": "l", "components": [
                  { "type": "dynamiclist", "path": "m", "components": [ { "type": "textfield", "key": "a" } ] } ] } ] }
                """)).hasMessageContaining("cannot hold a dynamiclist");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "dynamiclist", "path": "l", "validate": { "minRows": 3, "maxRows": 2 },
                  "components": [ { "type": "textfield", "key": "a" } ] } ] }
                """)).hasMessageContaining("more rows than it allows");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "textfield", "key": "b", "conditional": { "hide": "=a = 1" } },
                  { "type": "dynamiclist", "path": "l", "components": [ { "type": "textfield", "key": "a" } ] } ] }
                """)).hasMessageContaining("reads unknown field 'a'");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "textfield", "key": "a" },
                  { "type": "group", "components": [ { "type": "textfield", "key": "a" } ] } ] }
                """)).hasMessageContaining("the key 'a' twice");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "f", "components": [ { "type": "textfield", "key": "a", "readonly": "=b" } ] }
                """)).hasMessageContaining("readonly expression");
    }

    private static List<FieldError> errors(Map<String, ?> values) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> FormValidator.validate(DISCHARGE_LIKE, values));
        assertThat(e).as("a validation error for %s", values).isNotNull();
        return e.errors();
    }
}
