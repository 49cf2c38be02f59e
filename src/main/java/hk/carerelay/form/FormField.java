package hk.carerelay.form;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One component of a form. Labels may carry a Traditional Chinese variant in the component's {@code properties}
 * ({@code "label.zh-HK"}, {@code "option.<value>.zh-HK"}); {@code engineVariable} marks the small decisions that are
 * handed to the process engine, everything else stays out of engine variables. A {@code group} or {@code dynamiclist}
 * holds nested {@code components}; a {@code dynamiclist} is keyed by its {@code path} and limits its rows with
 * {@code minRows}/{@code maxRows}. A {@code readonly} field shows a value the server supplies and is never submitted.
 * A choice whose options change with the data (departments, say) names them by {@code valuesKey}: the server supplies
 * them with the form's data, and both the renderer and the validator take them from there. {@code defaultValue} is
 * what an input holds before the user changes it.
 */
public record FormField(String key, FieldType type, String subtype, String label, Map<String, String> properties,
        boolean required, Integer minLength, Integer maxLength, String pattern, Double min, Double max,
        List<Option> options, Condition hideIf, boolean engineVariable, String text, boolean readonly,
        List<FormField> components, Integer minRows, Integer maxRows, int defaultRows, String valuesKey,
        Object defaultValue) {

    public record Option(String value, String label) {
    }

    /**
     * The options offered: the form's own, or those the server supplies under {@code valuesKey} in {@code data}, as
     * option objects, {@code {value, label}} maps or plain values.
     */
    public List<Option> options(Map<String, ?> data) {
        if (valuesKey == null) {
            return options;
        }
        Object supplied = data == null ? null : data.get(valuesKey);
        if (!(supplied instanceof java.util.Collection<?> values)) {
            return List.of();
        }
        List<Option> list = new java.util.ArrayList<>();
        for (Object v : values) {
            if (v instanceof Option o) {
                list.add(o);
            } else if (v instanceof Map<?, ?> m && m.get("value") != null) {
                Object label = m.get("label");
                list.add(new Option(String.valueOf(m.get("value")), String.valueOf(label == null ? m.get("value") : label)));
            } else if (v != null) {
                list.add(new Option(String.valueOf(v), String.valueOf(v)));
            }
        }
        return List.copyOf(list);
    }

    public String label(Locale locale) {
        return localized("label", label, locale);
    }

    public String optionLabel(Option option, Locale locale) {
        return localized("option." + option.value(), option.label(), locale);
    }

    /** The label of a choice's value, or the value itself when it names no option. */
    public String optionLabel(String value, Locale locale) {
        return options.stream().filter(o -> o.value().equals(value)).findFirst()
                .map(o -> optionLabel(o, locale)).orElse(value);
    }

    /** Whether a {@code datetime} field asks for a date only. */
    public boolean isDateOnly() {
        return type == FieldType.DATETIME && "date".equals(subtype);
    }

    /** Whether the client submits a value for this component (an input that is not read-only). */
    public boolean isSubmitted() {
        return type.isInput() && !readonly;
    }

    /** The nested component with this key (a row field of a list, a field of a group). */
    public java.util.Optional<FormField> component(String key) {
        return components.stream().filter(c -> key.equals(c.key())).findFirst();
    }

    private String localized(String property, String fallback, Locale locale) {
        if (locale != null && "zh".equals(locale.getLanguage())) {
            String zh = properties.get(property + ".zh-HK");
            if (zh != null) {
                return zh;
            }
        }
        return fallback;
    }
}
