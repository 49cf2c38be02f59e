package hk.carerelay.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FormParserTest {

    @Test
    void readsFieldsWithTheirRulesLabelsAndTranslations() {
        FormDefinition form = FormParser.parse("""
                {
                  "id": "consultation",
                  "properties": { "title": "Consultation note", "title.zh-HK": "會診紀錄" },
                  "components": [
                    { "type": "text", "id": "Field_intro", "text": "Write for the referring doctor." },
                    { "type": "select", "key": "followUp", "label": "Follow-up", "validate": { "required": true },
                      "values": [ { "label": "None", "value": "NONE" }, { "label": "Shared care", "value": "SHARED" } ],
                      "properties": { "engineVariable": "true", "label.zh-HK": "跟進安排", "option.NONE.zh-HK": "毋須跟進" } },
                    { "type": "textarea", "key": "details", "label": "Details",
                      "validate": { "required": true, "minLength": 2, "maxLength": 50, "pattern": "[A-Za-z ]+" },
                      "conditional": { "hide": "=followUp = \\"NONE\\"" } },
                    { "type": "number", "key": "weeks", "validate": { "min": 1, "max": 52 } },
                    { "type": "datetime", "key": "reviewOn", "dateLabel": "Review on" }
                  ]
                }
                """);

        assertThat(form.id()).isEqualTo("consultation");
        assertThat(form.title(Locale.ENGLISH)).isEqualTo("Consultation note");
        assertThat(form.title(Locale.forLanguageTag("zh-HK"))).isEqualTo("會診紀錄");
        assertThat(form.fields()).extracting(FormField::key)
                .containsExactly("Field_intro", "followUp", "details", "weeks", "reviewOn");

        FormField intro = form.field("Field_intro").orElseThrow();
        assertThat(intro.type()).isEqualTo(FieldType.TEXT);
        assertThat(intro.type().isInput()).isFalse();
        assertThat(intro.text()).isEqualTo("Write for the referring doctor.");

        FormField followUp = form.field("followUp").orElseThrow();
        assertThat(followUp.required()).isTrue();
        assertThat(followUp.engineVariable()).isTrue();
        assertThat(followUp.options()).containsExactly(new FormField.Option("NONE", "None"),
                new FormField.Option("SHARED", "Shared care"));
        assertThat(followUp.label(Locale.forLanguageTag("zh-HK"))).isEqualTo("跟進安排");
        assertThat(followUp.label(Locale.ENGLISH)).isEqualTo("Follow-up");
        assertThat(followUp.optionLabel(followUp.options().get(0), Locale.forLanguageTag("zh-HK"))).isEqualTo("毋須跟進");
        assertThat(followUp.optionLabel(followUp.options().get(1), Locale.forLanguageTag("zh-HK")))
                .as("falls back to English").isEqualTo("Shared care");

        FormField details = form.field("details").orElseThrow();
        assertThat(details.engineVariable()).as("clinical text stays out of the engine").isFalse();
        assertThat(details.minLength()).isEqualTo(2);
        assertThat(details.maxLength()).isEqualTo(50);
        assertThat(details.pattern()).isEqualTo("[A-Za-z ]+");
        assertThat(details.hideIf().test(Map.of("followUp", "NONE"))).isTrue();
        assertThat(details.hideIf().test(Map.of("followUp", "SHARED"))).isFalse();

        FormField weeks = form.field("weeks").orElseThrow();
        assertThat(weeks.min()).isEqualTo(1.0);
        assertThat(weeks.max()).isEqualTo(52.0);
        assertThat(weeks.required()).isFalse();

        FormField reviewOn = form.field("reviewOn").orElseThrow();
        assertThat(reviewOn.isDateOnly()).as("a datetime without subtype asks for a date").isTrue();
        assertThat(reviewOn.label()).isEqualTo("Review on");
    }

    @Test
    void aFormWithoutTitleIsCalledByItsIdAndAFieldWithoutLabelByItsKey() {
        FormDefinition form = FormParser.parse("""
                { "id": "bare", "components": [ { "type": "textfield", "key": "note" } ] }
                """);

        assertThat(form.title(Locale.ENGLISH)).isEqualTo("bare");
        assertThat(form.field("note").orElseThrow().label()).isEqualTo("note");
    }

    @Test
    void keepsTheJsonItWasReadFrom() {
        String json = """
                { "id": "bare", "components": [ { "type": "checkbox", "key": "ok" } ] }
                """;
        assertThat(FormParser.parse(json).json()).isEqualTo(json);
    }

    @Test
    void rejectsAnUnknownComponentType() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "upload", "components": [ { "type": "filepicker", "key": "scan" } ] }
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported component type 'filepicker'");
    }

    @Test
    void rejectsAKeyUsedTwice() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "twice", "components": [
                    { "type": "textfield", "key": "note" },
                    { "type": "textarea", "key": "note" } ] }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has the key 'note' twice");
    }

    @Test
    void rejectsAConditionOnAnUnknownField() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "typo", "components": [
                    { "type": "radio", "key": "decision", "values": [ { "label": "Yes", "value": "Y" } ] },
                    { "type": "textarea", "key": "reason", "conditional": { "hide": "=decison != \\"Y\\"" } } ] }
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("condition of 'reason' reads unknown field 'decison'");
    }

    @Test
    void rejectsAConditionOnStaticText() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "static", "components": [
                    { "type": "text", "id": "Intro", "text": "Hello" },
                    { "type": "textarea", "key": "reason", "conditional": { "hide": "=Intro = null" } } ] }
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads unknown field 'Intro'");
    }

    @Test
    void rejectsAConditionItCannotEvaluate() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "feel", "components": [
                    { "type": "number", "key": "age" },
                    { "type": "textarea", "key": "guardian", "conditional": { "hide": "=age >= 18" } } ] }
                """)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnInputWithoutAUsableKey() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "nokey", "components": [ { "type": "textfield", "label": "Note" } ] }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a key");
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "badkey", "components": [ { "type": "textfield", "key": "patient.name" } ] }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a key");
    }

    @Test
    void rejectsAChoiceWithoutOptions() {
        assertThatThrownBy(() -> FormParser.parse("""
                { "id": "empty", "components": [ { "type": "select", "key": "ward" } ] }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ward' has no options");
    }

    @Test
    void rejectsAFormWithoutIdOrNotJson() {
        assertThatThrownBy(() -> FormParser.parse("{ \"components\": [] }"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no id");
        assertThatThrownBy(() -> FormParser.parse("{ \"id\": \"x\", "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }
}
