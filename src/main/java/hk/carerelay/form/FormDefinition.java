package hk.carerelay.form;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A parsed form: its id (what {@code camunda:formRef} names), title and fields, plus the JSON it came from. */
public record FormDefinition(String id, String title, Map<String, String> properties, List<FormField> fields,
        String json) {

    public Optional<FormField> field(String key) {
        return fields.stream().filter(f -> key.equals(f.key())).findFirst();
    }

    public String title(Locale locale) {
        if (locale != null && "zh".equals(locale.getLanguage()) && properties.containsKey("title.zh-HK")) {
            return properties.get("title.zh-HK");
        }
        return title;
    }
}
