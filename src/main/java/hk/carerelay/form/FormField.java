package hk.carerelay.form;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One component of a form. Labels may carry a Traditional Chinese variant in the component's {@code properties}
 * ({@code "label.zh-HK"}, {@code "option.<value>.zh-HK"}); {@code engineVariable} marks the small decisions that are
 * handed to the process engine, everything else stays out of engine variables.
 */
public record FormField(String key, FieldType type, String subtype, String label, Map<String, String> properties,
        boolean required, Integer minLength, Integer maxLength, String pattern, Double min, Double max,
        List<Option> options, Condition hideIf, boolean engineVariable, String text) {

    public record Option(String value, String label) {
    }

    public String label(Locale locale) {
        return localized("label", label, locale);
    }

    public String optionLabel(Option option, Locale locale) {
        return localized("option." + option.value(), option.label(), locale);
    }

    /** Whether a {@code datetime} field asks for a date only. */
    public boolean isDateOnly() {
        return type == FieldType.DATETIME && "date".equals(subtype);
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
