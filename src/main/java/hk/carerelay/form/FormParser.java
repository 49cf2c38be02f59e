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
    private static final String KEY = "[A-Za-z][A-Za-z0-9_]*";

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
        List<FormField> components = components(id, root.path("components"), false);
        Set<String> keys = new HashSet<>();
        collectKeys(id, components, keys);
        checkConditions(id, components, keys);
        Map<String, String> properties = properties(root);
        String title = properties.getOrDefault("title", id);
        return new FormDefinition(id, title, properties, List.copyOf(components), json);
    }

    private static List<FormField> components(String formId, JsonNode array, boolean inRow) {
        List<FormField> fields = new ArrayList<>();
        for (JsonNode component : array) {
            fields.add(field(formId, component, inRow));
        }
        return List.copyOf(fields);
    }

    /** Keys at the top level of the values (through groups) must be unique; so must the row keys of each list. */
    private static void collectKeys(String formId, List<FormField> components, Set<String> keys) {
        for (FormField field : components) {
            if (field.type().isInput() && !keys.add(field.key())) {
                throw new IllegalArgumentException("Form " + formId + " has the key '" + field.key() + "' twice");
            }
            if (field.type() == FieldType.GROUP) {
                collectKeys(formId, field.components(), keys);
            } else if (field.type() == FieldType.DYNAMICLIST) {
                collectKeys(formId, field.components(), new HashSet<>());
            }
        }
    }

    /** A condition may read the fields around it: the top-level fields and, inside a row, that row's fields. */
    private static void checkConditions(String formId, List<FormField> components, Set<String> visible) {
        for (FormField field : components) {
            if (field.hideIf() != null) {
                for (String key : field.hideIf().fields()) {
                    if (!visible.contains(key)) {
                        throw new IllegalArgumentException("Form " + formId + ": condition of '" + field.key()
                                + "' reads unknown field '" + key + "'");
                    }
                }
            }
            if (field.type() == FieldType.GROUP) {
                checkConditions(formId, field.components(), visible);
            } else if (field.type() == FieldType.DYNAMICLIST) {
                Set<String> rowScope = new HashSet<>(visible);
                field.components().stream().filter(c -> c.type().isInput()).forEach(c -> rowScope.add(c.key()));
                checkConditions(formId, field.components(), rowScope);
            }
        }
    }

    private static FormField field(String formId, JsonNode c, boolean inRow) {
        String typeName = text(c, "type");
        FieldType type = FieldType.fromJson(typeName).orElseThrow(
                () -> new IllegalArgumentException("Form " + formId + ": unsupported component type '" + typeName + "'"));
        String key = type == FieldType.DYNAMICLIST ? text(c, "path") : text(c, "key");
        if (type.isInput() && (key == null || !key.matches(KEY))) {
            throw new IllegalArgumentException("Form " + formId + ": component of type " + typeName + " needs a "
                    + (type == FieldType.DYNAMICLIST ? "path" : "key"));
        }
        if (!type.isInput()) {
            key = text(c, "id");
        }
        if (type == FieldType.GROUP && c.hasNonNull("path") && !c.path("path").asText().isEmpty()) {
            throw new IllegalArgumentException("Form " + formId + ": group '" + key
                    + "' has a path; groups keep their fields at the top level");
        }
        if (inRow && type.isContainer()) {
            throw new IllegalArgumentException("Form " + formId + ": a list's rows cannot hold a " + typeName);
        }
        JsonNode validate = c.path("validate");
        List<FormField.Option> options = new ArrayList<>();
        for (JsonNode v : c.path("values")) {
            options.add(new FormField.Option(v.path("value").asText(), v.path("label").asText()));
        }
        String valuesKey = text(c, "valuesKey");
        boolean choice = type == FieldType.SELECT || type == FieldType.RADIO || type == FieldType.CHECKLIST;
        if (valuesKey != null && (!choice || !options.isEmpty())) {
            throw new IllegalArgumentException("Form " + formId + ": '" + key
                    + "' has valuesKey; only a choice without values of its own may take its options from data");
        }
        if (choice && options.isEmpty() && valuesKey == null) {
            throw new IllegalArgumentException("Form " + formId + ": '" + key + "' has no options");
        }
        JsonNode readonlyNode = c.path("readonly");
        if (readonlyNode.isTextual()) {
            throw new IllegalArgumentException("Form " + formId + ": '" + key
                    + "' has a readonly expression; only readonly: true is supported");
        }
        boolean readonly = readonlyNode.asBoolean(false);
        if (readonly && (!type.isInput() || type == FieldType.DYNAMICLIST || type == FieldType.SIGNATURE || inRow)) {
            throw new IllegalArgumentException("Form " + formId + ": only a field outside a list can be read-only, not '" + key + "'");
        }
        List<FormField> children = type.isContainer() ? components(formId, c.path("components"), type == FieldType.DYNAMICLIST)
                : List.of();
        if (type.isContainer() && children.isEmpty()) {
            throw new IllegalArgumentException("Form " + formId + ": " + typeName + " '" + key + "' has no components");
        }
        Integer minRows = validate.has("minRows") ? validate.get("minRows").asInt() : null;
        Integer maxRows = validate.has("maxRows") ? validate.get("maxRows").asInt() : null;
        if (minRows != null && maxRows != null && minRows > maxRows) {
            throw new IllegalArgumentException("Form " + formId + ": '" + key + "' needs more rows than it allows");
        }
        int defaultRows = c.path("defaultRepetitions").asInt(minRows == null ? 1 : minRows);
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
                text(c, "text"), readonly, children, minRows, maxRows, defaultRows, valuesKey,
                defaultValue(c.get("defaultValue")));
    }

    /** A default as form-js writes it: text, a number, a boolean or (for a checklist) a list of values. */
    private static Object defaultValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asText()));
            return List.copyOf(values);
        }
        return node.asText();
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
