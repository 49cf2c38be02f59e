package hk.carerelay.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed form: its id (what {@code camunda:formRef} names), title and components as laid out (groups and lists
 * holding nested components), plus the JSON it came from.
 */
public record FormDefinition(String id, String title, Map<String, String> properties, List<FormField> components,
        String json) {

    /**
     * Every component whose value sits at the top level of the submitted values: the top-level components and, through
     * groups, their children (groups themselves included); a list's row fields are not, they live in its rows.
     */
    public List<FormField> fields() {
        List<FormField> flat = new ArrayList<>();
        flatten(components, flat);
        return flat;
    }

    private static void flatten(List<FormField> components, List<FormField> into) {
        for (FormField c : components) {
            into.add(c);
            if (c.type() == FieldType.GROUP) {
                flatten(c.components(), into);
            }
        }
    }

    public Optional<FormField> field(String key) {
        return fields().stream().filter(f -> key.equals(f.key())).findFirst();
    }

    public String title(Locale locale) {
        if (locale != null && "zh".equals(locale.getLanguage()) && properties.containsKey("title.zh-HK")) {
            return properties.get("title.zh-HK");
        }
        return title;
    }
}
