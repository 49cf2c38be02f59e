package hk.carerelay.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;

/**
 * The server-side check of a submitted form against its definition: unknown fields, required fields (only where
 * visible), types, options, lengths, patterns and ranges. Hidden fields are dropped, never stored.
 */
public final class FormValidator {

    /** Text limits where a form sets none, so no submission can outgrow the store. */
    static final int TEXTFIELD_MAX = 500;
    static final int TEXTAREA_MAX = 10_000;

    private FormValidator() {
    }

    /** The normalised values (strings, numbers, booleans, ISO dates), or a {@link ValidationException} naming every bad field. */
    public static Map<String, Object> validate(FormDefinition form, Map<String, ?> submitted) {
        Map<String, ?> input = submitted == null ? Map.of() : submitted;
        List<FieldError> errors = new ArrayList<>();
        for (String key : input.keySet()) {
            if (form.field(key).filter(f -> f.type().isInput()).isEmpty()) {
                errors.add(new FieldError(key, "is not a field of this form"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (FormField field : form.fields()) {
            if (!field.type().isInput() || (field.hideIf() != null && field.hideIf().test(input))) {
                continue;
            }
            Object raw = input.get(field.key());
            if (isBlank(raw) || (field.type() == FieldType.CHECKBOX && Boolean.FALSE.equals(raw) && field.required())) {
                if (field.required()) {
                    errors.add(new FieldError(field.key(), "is required"));
                }
                continue;
            }
            try {
                values.put(field.key(), normalise(field, raw));
            } catch (InvalidValue e) {
                errors.add(new FieldError(field.key(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
    }

    private static Object normalise(FormField field, Object raw) {
        return switch (field.type()) {
            case TEXTFIELD, TEXTAREA -> text(field, raw);
            case NUMBER -> number(field, raw);
            case SELECT, RADIO -> option(field, raw);
            case CHECKBOX -> bool(raw);
            case DATETIME -> dateTime(field, raw);
            case TEXT -> throw new IllegalStateException("static text is not submitted");
        };
    }

    private static String text(FormField field, Object raw) {
        if (!(raw instanceof String s)) {
            throw new InvalidValue("must be text");
        }
        String value = s.strip();
        int max = field.maxLength() != null ? field.maxLength()
                : field.type() == FieldType.TEXTAREA ? TEXTAREA_MAX : TEXTFIELD_MAX;
        if (value.length() > max) {
            throw new InvalidValue("must be at most " + max + " characters");
        }
        if (field.minLength() != null && value.length() < field.minLength()) {
            throw new InvalidValue("must be at least " + field.minLength() + " characters");
        }
        if (field.pattern() != null) {
            try {
                if (!Pattern.compile(field.pattern()).matcher(value).matches()) {
                    throw new InvalidValue("does not have the expected format");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("Form field " + field.key() + " has an invalid pattern", e);
            }
        }
        return value;
    }

    private static Number number(FormField field, Object raw) {
        BigDecimal value;
        try {
            value = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidValue("must be a number");
        }
        if (field.min() != null && value.doubleValue() < field.min()) {
            throw new InvalidValue("must be at least " + stripZeros(field.min()));
        }
        if (field.max() != null && value.doubleValue() > field.max()) {
            throw new InvalidValue("must be at most " + stripZeros(field.max()));
        }
        if (value.scale() > 0) {
            return value.doubleValue();
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValue("is too large");
        }
    }

    private static String option(FormField field, Object raw) {
        String value = raw.toString();
        if (field.options().stream().noneMatch(o -> o.value().equals(value))) {
            throw new InvalidValue("must be one of " + field.options().stream().map(FormField.Option::value).toList());
        }
        return value;
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.valueOf(raw.toString());
        }
        throw new InvalidValue("must be true or false");
    }

    private static String dateTime(FormField field, Object raw) {
        String value = raw.toString().strip();
        try {
            if (field.isDateOnly()) {
                return LocalDate.parse(value).toString();
            }
            if (value.length() > 19 && (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$"))) {
                return OffsetDateTime.parse(value).toString();
            }
            return LocalDateTime.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidValue(field.isDateOnly() ? "must be a date (YYYY-MM-DD)"
                    : "must be a date and time (YYYY-MM-DDTHH:MM)");
        }
    }

    private static boolean isBlank(Object raw) {
        return raw == null || (raw instanceof String s && s.isBlank());
    }

    private static String stripZeros(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static final class InvalidValue extends RuntimeException {
        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }
}
