package hk.carerelay.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;

public class FormValidatorTest {

    /** Shaped like the triage form: one decision, and a required reason shown only for one of its answers. */
    private static final FormDefinition TRIAGE = FormParser.parse("""
            {
              "id": "triage",
              "components": [
                { "type": "text", "id": "Intro", "text": "Decide within the SLA." },
                { "type": "radio", "key": "decision", "label": "Decision", "validate": { "required": true },
                  "values": [ { "label": "Accept", "value": "ACCEPT" }, { "label": "Decline", "value": "DECLINE" } ] },
                { "type": "textarea", "key": "declineReason", "label": "Reason",
                  "validate": { "required": true, "maxLength": 20 },
                  "conditional": { "hide": "=decision != \\"DECLINE\\"" } },
                { "type": "textfield", "key": "note", "label": "Note" }
              ]
            }
            """);

    private static final FormDefinition FIELDS = FormParser.parse("""
            {
              "id": "fields",
              "components": [
                { "type": "textfield", "key": "phone", "validate": { "pattern": "[0-9]{8}" } },
                { "type": "textfield", "key": "code", "validate": { "minLength": 3, "maxLength": 5 } },
                { "type": "textarea", "key": "story" },
                { "type": "number", "key": "age", "validate": { "min": 0, "max": 130 } },
                { "type": "number", "key": "dose", "validate": { "min": 0.5, "max": 2.5 } },
                { "type": "select", "key": "ward",
                  "values": [ { "label": "A", "value": "A1" }, { "label": "B", "value": "B2" } ] },
                { "type": "datetime", "subtype": "date", "key": "born", "dateLabel": "Date of birth" },
                { "type": "datetime", "subtype": "datetime", "key": "appointmentAt" },
                { "type": "checkbox", "key": "consented", "validate": { "required": true } },
                { "type": "checkbox", "key": "interpreter" }
              ]
            }
            """);

    // ---- visibility ----

    @Test
    void aRequiredFieldIsRequiredOnlyWhileItIsShown() {
        assertThat(FormValidator.validate(TRIAGE, Map.of("decision", "ACCEPT"))).containsOnlyKeys("decision");

        assertThat(errors(TRIAGE, Map.of("decision", "DECLINE")))
                .containsExactly(new FieldError("declineReason", "is required"));
        assertThat(FormValidator.validate(TRIAGE, Map.of("decision", "DECLINE", "declineReason", "Not indicated")))
                .containsEntry("declineReason", "Not indicated");
    }

    @Test
    void valuesOfHiddenFieldsAreDroppedNotStored() {
        Map<String, Object> values = FormValidator.validate(TRIAGE,
                Map.of("decision", "ACCEPT", "declineReason", "left over from an earlier choice"));

        assertThat(values).containsExactly(Map.entry("decision", "ACCEPT"));
    }

    @Test
    void aHiddenFieldIsNotCheckedEither() {
        assertThat(FormValidator.validate(TRIAGE, Map.of("decision", "ACCEPT", "declineReason", "x".repeat(100))))
                .doesNotContainKey("declineReason");
    }

    // ---- unknown fields ----

    @Test
    void unknownFieldsAreNamed() {
        assertThat(errors(TRIAGE, Map.of("decision", "ACCEPT", "priority", "high", "Intro", "hello")))
                .containsExactlyInAnyOrder(new FieldError("priority", "is not a field of this form"),
                        new FieldError("Intro", "is not a field of this form"));
    }

    // ---- required ----

    @Test
    void blankCountsAsMissing() {
        assertThat(errors(TRIAGE, Map.of("decision", "   "))).containsExactly(new FieldError("decision", "is required"));
        assertThat(errors(TRIAGE, null)).containsExactly(new FieldError("decision", "is required"));
        Map<String, Object> nullDecision = new HashMap<>();
        nullDecision.put("decision", null);
        assertThat(errors(TRIAGE, nullDecision)).containsExactly(new FieldError("decision", "is required"));
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        assertThat(FormValidator.validate(FIELDS, Map.of("consented", true))).containsExactly(Map.entry("consented", true));
    }

    // ---- options ----

    @Test
    void onlyTheOfferedOptionsAreAccepted() {
        assertThat(errors(TRIAGE, Map.of("decision", "MAYBE")))
                .containsExactly(new FieldError("decision", "must be one of [ACCEPT, DECLINE]"));
        assertThat(errors(TRIAGE, Map.of("decision", "accept"))).extracting(FieldError::field).containsExactly("decision");
        assertThat(valid("ward", "B2")).isEqualTo("B2");
        assertThat(error("ward", "C3")).isEqualTo("must be one of [A1, B2]");
    }

    // ---- text ----

    @Test
    void textIsStrippedAndKeptWithinItsLimits() {
        assertThat(valid("code", "  abc  ")).isEqualTo("abc");
        assertThat(valid("code", "abcde")).isEqualTo("abcde");
        assertThat(error("code", "abcdef")).isEqualTo("must be at most 5 characters");
        assertThat(error("code", "ab")).isEqualTo("must be at least 3 characters");
        assertThat(error("code", 12345)).isEqualTo("must be text");
    }

    @Test
    void textWithoutAStatedLimitStillHasOne() {
        assertThat(FormValidator.validate(TRIAGE, Map.of("decision", "ACCEPT", "note", "n".repeat(500))))
                .containsKey("note");
        assertThat(errors(TRIAGE, Map.of("decision", "ACCEPT", "note", "n".repeat(501))))
                .containsExactly(new FieldError("note", "must be at most 500 characters"));
        assertThat((String) valid("story", "s".repeat(10_000))).hasSize(10_000);
        assertThat(error("story", "s".repeat(10_001))).isEqualTo("must be at most 10000 characters");
    }

    @Test
    void textMustMatchItsPatternWhole() {
        assertThat(valid("phone", "91234567")).isEqualTo("91234567");
        assertThat(error("phone", "9123456")).isEqualTo("does not have the expected format");
        assertThat(error("phone", "912345678")).isEqualTo("does not have the expected format");
        assertThat(error("phone", "9123 4567")).isEqualTo("does not have the expected format");
    }

    // ---- numbers ----

    @Test
    void numbersAreParsedAndKeptInRange() {
        assertThat(valid("age", 42)).isEqualTo(42L);
        assertThat(valid("age", " 42 ")).isEqualTo(42L);
        assertThat(valid("age", 0)).isEqualTo(0L);
        assertThat(valid("age", 130)).isEqualTo(130L);
        assertThat(error("age", -1)).isEqualTo("must be at least 0");
        assertThat(error("age", 131)).isEqualTo("must be at most 130");
        assertThat(error("age", "forty")).isEqualTo("must be a number");
        assertThat(valid("dose", 1.25)).isEqualTo(1.25);
        assertThat(valid("dose", "2.5")).isEqualTo(2.5);
        assertThat(error("dose", 0.4)).isEqualTo("must be at least 0.5");
        assertThat(error("dose", "2.51")).isEqualTo("must be at most 2.5");
    }

    @Test
    void aNumberTooLargeToStoreIsAFieldErrorNotAFailure() {
        Map<String, Object> submitted = Map.of("consented", true, "count", "1e30", "note", 1);
        FormDefinition unbounded = FormParser.parse("""
                { "id": "unbounded", "components": [
                    { "type": "number", "key": "count" }, { "type": "textfield", "key": "note" },
                    { "type": "checkbox", "key": "consented" } ] }
                """);

        assertThat(errors(unbounded, submitted)).containsExactly(new FieldError("count", "is too large"),
                new FieldError("note", "must be text"));
    }

    // ---- dates ----

    @Test
    void datesMustBeRealCalendarDates() {
        assertThat(valid("born", "2024-02-29")).isEqualTo("2024-02-29");
        assertThat(valid("born", " 1958-03-14 ")).isEqualTo("1958-03-14");
        for (String bad : List.of("2023-02-29", "2024-13-01", "14/03/1958", "1958-3-14", "yesterday")) {
            assertThat(error("born", bad)).as(bad).isEqualTo("must be a date (YYYY-MM-DD)");
        }
    }

    @Test
    void dateTimesTakeLocalTimeOrAnOffset() {
        assertThat(valid("appointmentAt", "2031-05-06T14:00")).isEqualTo("2031-05-06T14:00");
        assertThat(valid("appointmentAt", "2031-05-06T14:00:30")).isEqualTo("2031-05-06T14:00:30");
        assertThat(valid("appointmentAt", "2031-05-06T14:00:00+08:00")).isEqualTo("2031-05-06T14:00+08:00");
        assertThat(valid("appointmentAt", "2031-05-06T06:00:00Z")).isEqualTo("2031-05-06T06:00Z");
        for (String bad : List.of("2031-05-06", "2031-05-06 14:00", "2031-05-06T25:00", "14:00")) {
            assertThat(error("appointmentAt", bad)).as(bad).isEqualTo("must be a date and time (YYYY-MM-DDTHH:MM)");
        }
    }

    // ---- checkboxes ----

    @Test
    void aRequiredCheckboxMustBeTicked() {
        assertThat(errors(FIELDS, Map.of("consented", false))).containsExactly(new FieldError("consented", "is required"));
        assertThat(errors(FIELDS, Map.of())).containsExactly(new FieldError("consented", "is required"));
        assertThat(FormValidator.validate(FIELDS, Map.of("consented", "true"))).containsEntry("consented", true);
    }

    @Test
    void anOptionalCheckboxKeepsItsAnswer() {
        assertThat(FormValidator.validate(FIELDS, Map.of("consented", true, "interpreter", false)))
                .containsEntry("interpreter", false);
        assertThat(FormValidator.validate(FIELDS, Map.of("consented", true, "interpreter", "false")))
                .containsEntry("interpreter", false);
        assertThat(error("interpreter", "yes")).isEqualTo("must be true or false");
    }

    // ---- drawn signatures, checklists, options from the server ----

    private static final FormDefinition SIGNED = FormParser.parse("""
            {
              "id": "signed",
              "components": [
                { "type": "signature", "key": "signature", "label": "Signature", "validate": { "required": true } },
                { "type": "checklist", "key": "sections", "label": "Sections",
                  "values": [ { "label": "Summary", "value": "SUMMARY" }, { "label": "Results", "value": "RESULTS" },
                              { "label": "Documents", "value": "DOCUMENTS" } ] },
                { "type": "select", "key": "department", "label": "Department", "valuesKey": "departments" }
              ]
            }
            """);

    @Test
    void aSignatureIsAPngDataUrlWithSomethingDrawnOnIt() {
        String drawn = png(400, 150, true);
        assertThat(FormValidator.validate(SIGNED, Map.of("signature", drawn))).containsEntry("signature", drawn);
        assertThat(FormValidator.validate(SIGNED, Map.of("signature", drawn.substring(drawn.indexOf(',') + 1))))
                .as("bare base64 is taken and normalised to the data URL").containsEntry("signature", drawn);
        assertThat(FormValidator.signatureBytes(drawn)).startsWith(0x89, 'P', 'N', 'G');

        assertThat(errors(SIGNED, Map.of())).containsExactly(new FieldError("signature", "is required"));
        assertThat(signatureError(png(400, 150, false))).isEqualTo("is empty: nothing was drawn");
        assertThat(signatureError("data:image/jpeg;base64," + drawn.substring(drawn.indexOf(',') + 1)))
                .startsWith("must be a PNG data URL");
        assertThat(signatureError("data:image/png;base64,AAAA")).isEqualTo("is not a PNG image");
        assertThat(signatureError("data:image/png;base64,%%%")).isEqualTo("is not valid base64");
        assertThat(signatureError(42)).startsWith("must be a PNG data URL");
    }

    @Test
    void aSignatureHasABoundedSize() {
        assertThat(signatureError(png(FormValidator.SIGNATURE_MAX_SIDE + 1, 10, true)))
                .isEqualTo("is larger than " + FormValidator.SIGNATURE_MAX_SIDE + " pixels on a side");
        String huge = "data:image/png;base64," + "A".repeat(FormValidator.SIGNATURE_MAX_BYTES * 4 / 3 + 8);
        assertThat(signatureError(huge)).isEqualTo("is larger than " + FormValidator.SIGNATURE_MAX_BYTES / 1024 + " KB");
    }

    @Test
    void aChecklistTakesOfferedValuesOnceInTheFormsOrder() {
        String drawn = png(400, 150, true);
        assertThat(FormValidator.validate(SIGNED, Map.of("signature", drawn, "sections",
                List.of("DOCUMENTS", "SUMMARY", "DOCUMENTS")))).containsEntry("sections", List.of("SUMMARY", "DOCUMENTS"));
        assertThat(FormValidator.validate(SIGNED, Map.of("signature", drawn, "sections", List.of())))
                .doesNotContainKey("sections");
        assertThat(errors(SIGNED, Map.of("signature", drawn, "sections", List.of("SUMMARY", "AUDIT"))))
                .containsExactly(new FieldError("sections", "must name values among [SUMMARY, RESULTS, DOCUMENTS]"));
        assertThat(errors(SIGNED, Map.of("signature", drawn, "sections", "SUMMARY")))
                .containsExactly(new FieldError("sections", "must be a list of values"));
    }

    @Test
    void optionsNamedByValuesKeyComeFromTheServersDataOnly() {
        String drawn = png(400, 150, true);
        Map<String, ?> data = Map.of("departments", List.of(Map.of("value", "ENDOCRINOLOGY", "label", "Endocrinology")));
        assertThat(FormValidator.validate(SIGNED, Map.of("signature", drawn, "department", "ENDOCRINOLOGY"), data))
                .containsEntry("department", "ENDOCRINOLOGY");
        assertThat(catchThrowableOfType(ValidationException.class, () -> FormValidator.validate(SIGNED,
                Map.of("signature", drawn, "department", "CARDIOLOGY"), data)).errors())
                .containsExactly(new FieldError("department", "must be one of [ENDOCRINOLOGY]"));
        assertThat(errors(SIGNED, Map.of("signature", drawn, "department", "ENDOCRINOLOGY")))
                .as("without the server's options nothing is offered").extracting(FieldError::field)
                .containsExactly("department");
    }

    @Test
    void anApiRequestBecomesASubmissionWithoutItsAbsentValues() {
        assertThat(FormValidator.submission("decision", "ACCEPT", "declineReason", " ", "note", null, "flag", false))
                .containsExactly(Map.entry("decision", "ACCEPT"), Map.entry("flag", false));
    }

    private static String signatureError(Object value) {
        List<FieldError> errors = errors(SIGNED, Map.of("signature", value));
        assertThat(errors).extracting(FieldError::field).containsExactly("signature");
        return errors.get(0).message();
    }

    /** A PNG data URL of the given size, with a few dark strokes on it or left blank (transparent). */
    public static String png(int width, int height, boolean strokes) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        if (strokes) {
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(new java.awt.Color(20, 20, 60));
            g.setStroke(new java.awt.BasicStroke(3));
            g.drawLine(5, height - 2, width / 2, 2);
            g.drawLine(width / 2, 2, width - 5, height - 2);
            g.dispose();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(out.toByteArray());
    }

    // ---- all errors at once ----

    @Test
    void everyBadFieldIsReportedAtOnce() {
        Map<String, Object> submitted = new HashMap<>();
        submitted.put("phone", "12");
        submitted.put("code", "x");
        submitted.put("age", 200);
        submitted.put("ward", "Z9");
        submitted.put("born", "someday");
        submitted.put("bogus", 1);

        assertThat(errors(FIELDS, submitted)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("bogus", "phone", "code", "age", "ward", "born", "consented");
    }

    @Test
    void theMessageListsEveryBadField() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> FormValidator.validate(TRIAGE, Map.of("decision", "DECLINE", "declineReason", "r".repeat(21),
                        "extra", "x")));

        assertThat(e.getMessage()).contains("extra: is not a field of this form",
                "declineReason: must be at most 20 characters");
    }

    // ---- helpers ----

    private static List<FieldError> errors(FormDefinition form, Map<String, ?> values) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> FormValidator.validate(form, values));
        assertThat(e).as("a validation error for %s", values).isNotNull();
        return e.errors();
    }

    /** The normalised value of one field of FIELDS, submitted with the one required checkbox ticked. */
    private static Object valid(String key, Object value) {
        Map<String, Object> values = FormValidator.validate(FIELDS, Map.of(key, value, "consented", true));
        return values.get(key);
    }

    private static String error(String key, Object value) {
        List<FieldError> errors = errors(FIELDS, Map.of(key, value, "consented", true));
        assertThat(errors).extracting(FieldError::field).containsExactly(key);
        return errors.get(0).message();
    }
}
