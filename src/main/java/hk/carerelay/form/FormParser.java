package hk.carerelay.form;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads form-js JSON into a {@link FormDefinition}, refusing components and rules the system cannot enforce. */
public final class FormParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormParser() {
    }

    public static FormDefinition parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Form is not valid JSON: " + e.getMessage(), e);
        }
        String id = text(root, "id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Form has no id");
        }
        List<FormField> fields = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode component : root.path("components")) {
            FormField field = field(id, component);
            if (field.type().isInput() && !keys.add(field.key())) {
                throw new IllegalArgumentException("Form " + id + " has the key '" + field.key() + "' twice");
            }
            fields.add(field);
        }
        for (FormField field : fields) {
            if (field.hideIf() != null) {
                for (String key : field.hideIf().fields()) {
                    if (!keys.contains(key)) {
                        throw new IllegalArgumentException(
                                "Form " + id + ": condition of '" + field.key() + "' reads unknown field '" + key + "'");
                    }
                }
            }
        }
        Map<String, String> properties = properties(root);
        String title = properties.getOrDefault("title", id);
        return new FormDefinition(id, title, properties, List.copyOf(fields), json);
    }

    private static FormField field(String formId, JsonNode c) {
        String typeName = text(c, "type");
        FieldType type = FieldType.fromJson(typeName).orElseThrow(
                () -> new IllegalArgumentException("Form " + formId + ": unsupported component type '" + typeName + "'"));
        String key = text(c, "key");
        if (type.isInput() && (key == null || !key.matches("[A-Za-z][A-Za-z0-9_]*"))) {
            throw new IllegalArgumentException("Form " + formId + ": component of type " + typeName + " needs a key");
        }
        if (!type.isInput()) {
            key = text(c, "id");
        }
        JsonNode validate = c.path("validate");
        List<FormField.Option> options = new ArrayList<>();
        for (JsonNode v : c.path("values")) {
            options.add(new FormField.Option(v.path("value").asText(), v.path("label").asText()));
        }
        if ((type == FieldType.SELECT || type == FieldType.RADIO) && options.isEmpty()) {
            throw new IllegalArgumentException("Form " + formId + ": '" + key + "' has no options");
        }
        String hide = c.path("conditional").path("hide").asText(null);
        Map<String, String> properties = properties(c);
        String subtype = type == FieldType.DATETIME ? c.path("subtype").asText("date") : null;
        String label = type == FieldType.DATETIME && c.has("dateLabel") ? text(c, "dateLabel") : text(c, "label");
        return new FormField(key, type, subtype, label == null ? key : label, properties,
                validate.path("required").asBoolean(false),
                validate.has("minLength") ? validate.get("minLength").asInt() : null,
                validate.has("maxLength") ? validate.get("maxLength").asInt() : null,
                text(validate, "pattern"),
                validate.has("min") ? validate.get("min").asDouble() : null,
                validate.has("max") ? validate.get("max").asDouble() : null,
                List.copyOf(options),
                hide == null || hide.isBlank() ? null : Condition.parse(hide),
                "true".equals(properties.get("engineVariable")),
                text(c, "text"));
    }

    private static Map<String, String> properties(JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        node.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        return properties;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
