package hk.carerelay.form;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import javax.imageio.ImageIO;

import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;

/**
 * The server-side check of a submitted form against its definition: unknown and read-only fields, required fields
 * (only where visible), types, options (the form's or the server's), lengths, patterns, ranges, row counts and drawn
 * signatures, inside groups and list rows too.
 * Hidden fields are dropped, never stored.
 */
public final class FormValidator {

    /** Text limits where a form sets none, so no submission can outgrow the store. */
    static final int TEXTFIELD_MAX = 500;
    static final int TEXTAREA_MAX = 10_000;
    /** Rows of a list where the form sets no maximum. */
    static final int LIST_MAX = 100;
    /** The largest drawn signature accepted, in bytes of PNG and in pixels a side. */
    public static final int SIGNATURE_MAX_BYTES = 512 * 1024;
    public static final int SIGNATURE_MAX_SIDE = 2000;

    private FormValidator() {
    }

    /** The normalised values (strings, numbers, booleans, ISO dates), or a {@link ValidationException} naming every bad field. */
    public static Map<String, Object> validate(FormDefinition form, Map<String, ?> submitted) {
        return validate(form, submitted, Map.of());
    }

    /**
     * As {@link #validate(FormDefinition, Map)}, for a form whose read-only fields show {@code serverData}: those values
     * take part in visibility conditions but are never accepted from the client. A list's rows come back as a list of
     * maps; its errors name the row field as {@code path[index].key}.
     */
    public static Map<String, Object> validate(FormDefinition form, Map<String, ?> submitted, Map<String, ?> serverData) {
        Map<String, ?> input = submitted == null ? Map.of() : submitted;
        List<FieldError> errors = new ArrayList<>();
        for (String key : input.keySet()) {
            var field = form.field(key).filter(f -> f.type().isInput());
            if (field.isEmpty()) {
                errors.add(new FieldError(key, "is not a field of this form"));
            } else if (field.get().readonly()) {
                errors.add(new FieldError(key, "is read-only; the server supplies it"));
            }
        }
        Map<String, Object> context = new HashMap<>(input);
        if (serverData != null) {
            context.putAll(serverData);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        check(form.components(), input, context, serverData == null ? Map.of() : serverData, "", values, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return values;
    }

    /**
     * A submission built from an API request's properties ({@code key, value, key, value, ...}), leaving out what is
     * absent (null or blank), as the renderer leaves out what is not filled in.
     */
    public static Map<String, Object> submission(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null && !(value instanceof String s && s.isBlank())) {
                values.put((String) keysAndValues[i], value);
            }
        }
        return values;
    }

    /**
     * Whether the component is hidden by its own condition; callers do not descend into hidden containers, so a field
     * in a hidden group or row counts as hidden too.
     */
    public static boolean isHidden(FormField field, Map<String, ?> context) {
        return field.hideIf() != null && field.hideIf().test(context);
    }

    private static void check(List<FormField> components, Map<String, ?> input, Map<String, ?> context,
            Map<String, ?> data, String prefix, Map<String, Object> values, List<FieldError> errors) {
        for (FormField field : components) {
            if (isHidden(field, context)) {
                continue;
            }
            if (field.type() == FieldType.GROUP) {
                check(field.components(), input, context, data, prefix, values, errors);
                continue;
            }
            if (!field.isSubmitted()) {
                continue;
            }
            String name = prefix + field.key();
            Object raw = input.get(field.key());
            if (field.type() == FieldType.DYNAMICLIST) {
                rows(field, raw, context, data, name, values, errors);
                continue;
            }
            if (isBlank(raw) || (raw instanceof java.util.Collection<?> c && c.isEmpty())
                    || (field.type() == FieldType.CHECKBOX && Boolean.FALSE.equals(raw) && field.required())) {
                if (field.required()) {
                    errors.add(new FieldError(name, "is required"));
                }
                continue;
            }
            try {
                values.put(field.key(), normalise(field, raw, data));
            } catch (InvalidValue e) {
                errors.add(new FieldError(name, e.getMessage()));
            }
        }
    }

    private static void rows(FormField list, Object raw, Map<String, ?> context, Map<String, ?> data, String name,
            Map<String, Object> values, List<FieldError> errors) {
        if (raw != null && !(raw instanceof List<?>)) {
            errors.add(new FieldError(name, "must be a list of rows"));
            return;
        }
        List<?> rows = raw == null ? List.of() : (List<?>) raw;
        if (list.minRows() != null && rows.size() < list.minRows()) {
            errors.add(new FieldError(name, "needs at least " + list.minRows() + " row(s)"));
        }
        int max = list.maxRows() != null ? list.maxRows() : LIST_MAX;
        if (rows.size() > max) {
            errors.add(new FieldError(name, "must have at most " + max + " rows"));
            return;
        }
        List<Map<String, Object>> normalised = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String rowName = name + "[" + i + "].";
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                errors.add(new FieldError(name + "[" + i + "]", "must be an object of the row's fields"));
                continue;
            }
            Map<String, Object> rowInput = new LinkedHashMap<>();
            row.forEach((k, v) -> rowInput.put(String.valueOf(k), v));
            for (String key : rowInput.keySet()) {
                var field = list.component(key).filter(f -> f.type().isInput());
                if (field.isEmpty()) {
                    errors.add(new FieldError(rowName + key, "is not a field of this list"));
                } else if (field.get().readonly()) {
                    errors.add(new FieldError(rowName + key, "is read-only; the server supplies it"));
                }
            }
            Map<String, Object> rowContext = new HashMap<>(context);
            rowContext.putAll(rowInput);
            Map<String, Object> rowValues = new LinkedHashMap<>();
            check(list.components(), rowInput, rowContext, data, rowName, rowValues, errors);
            normalised.add(rowValues);
        }
        if (!rows.isEmpty() || list.minRows() != null) {
            values.put(list.key(), normalised);
        }
    }

    private static Object normalise(FormField field, Object raw, Map<String, ?> data) {
        return switch (field.type()) {
            case TEXTFIELD, TEXTAREA -> text(field, raw);
            case NUMBER -> number(field, raw);
            case SELECT, RADIO -> option(field, raw, data);
            case CHECKLIST -> choices(field, raw, data);
            case CHECKBOX -> bool(raw);
            case DATETIME -> dateTime(field, raw);
            case SIGNATURE -> signature(raw);
            case TEXT, GROUP, DYNAMICLIST -> throw new IllegalStateException(field.type() + " has no single value");
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

    private static String option(FormField field, Object raw, Map<String, ?> data) {
        String value = raw.toString().strip();
        List<FormField.Option> options = field.options(data);
        if (options.stream().noneMatch(o -> o.value().equals(value))) {
            throw new InvalidValue("must be one of " + options.stream().map(FormField.Option::value).toList());
        }
        return value;
    }

    /** A checklist's answer: option values, each once, in the form's order. */
    private static List<String> choices(FormField field, Object raw, Map<String, ?> data) {
        if (!(raw instanceof java.util.Collection<?> given)) {
            throw new InvalidValue("must be a list of values");
        }
        List<FormField.Option> options = field.options(data);
        List<String> chosen = new ArrayList<>();
        for (Object v : given) {
            String value = v == null ? "" : v.toString().strip();
            if (options.stream().noneMatch(o -> o.value().equals(value))) {
                throw new InvalidValue("must name values among " + options.stream().map(FormField.Option::value).toList());
            }
            chosen.add(value);
        }
        return options.stream().map(FormField.Option::value).filter(chosen::contains).toList();
    }

    /**
     * A drawn signature: a PNG as a data URL ({@code data:image/png;base64,...}; bare base64 is taken too) of at most
     * {@value #SIGNATURE_MAX_BYTES} bytes and {@value #SIGNATURE_MAX_SIDE} pixels a side, with something drawn on it.
     * Normalised to the data URL.
     */
    private static String signature(Object raw) {
        if (!(raw instanceof String s)) {
            throw new InvalidValue("must be a PNG data URL (data:image/png;base64,...)");
        }
        String data = s.strip();
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            if (comma < 0 || !data.substring(0, comma).equals("data:image/png;base64")) {
                throw new InvalidValue("must be a PNG data URL (data:image/png;base64,...)");
            }
            data = data.substring(comma + 1);
        }
        if (data.length() > SIGNATURE_MAX_BYTES * 4 / 3 + 4) {
            throw new InvalidValue("is larger than " + SIGNATURE_MAX_BYTES / 1024 + " KB");
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("is not valid base64");
        }
        if (png.length < 8 || (png[0] & 0xff) != 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
            throw new InvalidValue("is not a PNG image");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            image = null;
        }
        if (image == null) {
            throw new InvalidValue("is not a readable PNG image");
        }
        if (image.getWidth() > SIGNATURE_MAX_SIDE || image.getHeight() > SIGNATURE_MAX_SIDE) {
            throw new InvalidValue("is larger than " + SIGNATURE_MAX_SIDE + " pixels on a side");
        }
        if (!hasInk(image)) {
            throw new InvalidValue("is empty: nothing was drawn");
        }
        return "data:image/png;base64," + data;
    }

    /** The image bytes of a signature this validator accepted (its normalised data URL). */
    public static byte[] signatureBytes(String dataUrl) {
        return Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    /** Some pixels are visibly dark and not transparent: a blank canvas is not a signature. */
    private static boolean hasInk(BufferedImage image) {
        int inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int alpha = argb >>> 24;
                int luminance = (((argb >> 16) & 0xff) * 3 + ((argb >> 8) & 0xff) * 6 + (argb & 0xff)) / 10;
                if (alpha > 128 && luminance < 160 && ++inked >= 10) {
                    return true;
                }
            }
        }
        return false;
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
