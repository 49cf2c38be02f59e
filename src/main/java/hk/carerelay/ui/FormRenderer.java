package hk.carerelay.ui;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.form.FieldType;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormField;
import hk.carerelay.form.FormValidator;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;

/**
 * The one renderer for every form: builds Vaadin fields from a {@link FormDefinition} (groups, repeatable rows,
 * read-only fields showing server data, choices whose options the server supplies, a drawn signature), shows and hides
 * them as their conditions change, and checks input with the same {@link FormValidator} the server uses on submission.
 */
public class FormRenderer extends VerticalLayout {

    private final FormDefinition form;
    private final Locale locale;
    private final Map<String, ?> data;
    private final Scope top = new Scope();
    private final Div formErrors = new Div();
    private final List<Consumer<Map<String, Object>>> valuesListeners = new ArrayList<>();
    private boolean built;

    public FormRenderer(FormDefinition form, Locale locale) {
        this(form, locale, Map.of());
    }

    /** A renderer whose read-only fields show {@code data} (values the server supplies; never submitted back). */
    public FormRenderer(FormDefinition form, Locale locale, Map<String, ?> data) {
        this.form = form;
        this.locale = locale;
        this.data = data == null ? Map.of() : data;
        setPadding(false);
        add(layout(form.components(), top));
        formErrors.setId("form-errors");
        formErrors.getStyle().set("color", "var(--lumo-error-text-color)");
        formErrors.setVisible(false);
        add(formErrors);
        built = true;
        updateVisibility();
    }

    /** The inputs of one level: the form (with its groups) or one row of a list. */
    private static final class Scope {
        final Map<String, HasValue<?, ?>> inputs = new LinkedHashMap<>();
        final Map<String, Component> components = new HashMap<>();
        final Map<String, RowList> lists = new HashMap<>();
        final Map<FormField, Component> byField = new java.util.IdentityHashMap<>();
    }

    private final class RowList {
        final FormField field;
        final VerticalLayout rows = new VerticalLayout();
        final List<Scope> scopes = new ArrayList<>();
        final List<Component> rowComponents = new ArrayList<>();
        final Button add;
        final Span error = new Span();

        RowList(FormField field) {
            this.field = field;
            rows.setPadding(false);
            add = new Button(getTranslation("form.addRow"), e -> addRow());
            add.setId("add-" + field.key());
            add.addThemeVariants(ButtonVariant.LUMO_SMALL);
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            error.setId("errors-" + field.key());
            error.setVisible(false);
        }

        void addRow() {
            Scope scope = new Scope();
            Div row = new Div();
            row.addClassName("form-row");
            row.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)")
                    .set("padding", "var(--lumo-space-s)").set("margin-bottom", "var(--lumo-space-s)");
            Button remove = new Button(getTranslation("form.removeRow"));
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.addClickListener(e -> removeRow(scope));
            row.add(new Span(""), layout(field.components(), scope), remove);
            scopes.add(scope);
            rowComponents.add(row);
            rows.add(row);
            renumber();
            updateVisibility();
        }

        void removeRow(Scope scope) {
            int index = scopes.indexOf(scope);
            if (index < 0) {
                return;
            }
            scopes.remove(index);
            rows.remove(rowComponents.remove(index));
            renumber();
            updateVisibility();
        }

        /** Ids follow the row's position, so they stay right after a row is removed. */
        void renumber() {
            for (int i = 0; i < scopes.size(); i++) {
                Div row = (Div) rowComponents.get(i);
                row.setId("row-" + field.key() + "-" + i);
                ((Span) row.getComponentAt(0)).setText(getTranslation("form.row", i + 1));
                Button remove = (Button) row.getComponentAt(2);
                remove.setId("remove-" + field.key() + "-" + i);
                remove.setEnabled(field.minRows() == null || scopes.size() > field.minRows());
                for (var entry : scopes.get(i).components.entrySet()) {
                    entry.getValue().setId("field-" + field.key() + "-" + i + "-" + entry.getKey());
                }
            }
            add.setEnabled(field.maxRows() == null || scopes.size() < field.maxRows());
        }
    }

    /**
     * Calls the listener with {@link #values()} whenever a field's value changes (for a text field, when it loses
     * focus), so that what the page shows beside the form can follow what is being entered.
     */
    public void addValuesListener(Consumer<Map<String, Object>> listener) {
        valuesListeners.add(listener);
    }

    /** The values of the visible fields, in the types the validator expects (ISO text for dates, rows as maps). */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        collect(form.components(), top, context(top, Map.of()), values);
        return values;
    }

    private void collect(List<FormField> components, Scope scope, Map<String, Object> context, Map<String, Object> out) {
        for (FormField field : components) {
            if (FormValidator.isHidden(field, context)) {
                continue;
            }
            if (field.type() == FieldType.GROUP) {
                collect(field.components(), scope, context, out);
            } else if (field.type() == FieldType.DYNAMICLIST) {
                RowList list = scope.lists.get(field.key());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Scope row : list.scopes) {
                    Map<String, Object> rowValues = new LinkedHashMap<>();
                    collect(field.components(), row, context(row, context), rowValues);
                    rows.add(rowValues);
                }
                out.put(field.key(), rows);
            } else if (field.isSubmitted()) {
                Object value = submitted(scope.inputs.get(field.key()).getValue());
                if (value != null) {
                    out.put(field.key(), value);
                }
            }
        }
    }

    /**
     * Puts values into top-level inputs (a referral id passed in a link, say) as if the user had entered them, in the
     * types the renderer submits (text for choices and dates).
     */
    public void fill(Map<String, ?> values) {
        values.forEach((key, value) -> {
            @SuppressWarnings("unchecked")
            HasValue<?, Object> input = (HasValue<?, Object>) top.inputs.get(key);
            FormField field = form.field(key).orElse(null);
            if (input != null && field != null && value != null) {
                input.setValue(value instanceof String s && field.type() == FieldType.DATETIME
                        ? (field.isDateOnly() ? LocalDate.parse(s) : LocalDateTime.parse(s)) : value);
            }
        });
    }

    /** Checks the input as the server will; shows the errors and answers false if there are any. */
    public boolean validate() {
        clearErrors();
        try {
            FormValidator.validate(form, values(), data);
            return true;
        } catch (ValidationException e) {
            showErrors(e.errors());
            return false;
        }
    }

    public void showErrors(List<FieldError> errors) {
        clearErrors();
        StringBuilder other = new StringBuilder();
        for (FieldError error : errors) {
            if (!markInvalid(error)) {
                other.append(error.field()).append(": ").append(error.message()).append('\n');
            }
        }
        if (!other.isEmpty()) {
            formErrors.setText(other.toString());
            formErrors.setVisible(true);
        }
    }

    /** Marks the field an error names ({@code key}, or {@code list[row].key} inside a list); false if there is none. */
    private boolean markInvalid(FieldError error) {
        String name = error.field();
        String message = getTranslation("form.error", error.message());
        Component component = top.components.get(name);
        RowList list = top.lists.get(name);
        if (list != null) {
            list.error.setText(message);
            list.error.setVisible(true);
            return true;
        }
        var row = java.util.regex.Pattern.compile("([A-Za-z0-9_]+)\\[(\\d+)]\\.([A-Za-z0-9_]+)").matcher(name);
        if (row.matches() && top.lists.containsKey(row.group(1))) {
            List<Scope> scopes = top.lists.get(row.group(1)).scopes;
            int index = Integer.parseInt(row.group(2));
            component = index < scopes.size() ? scopes.get(index).components.get(row.group(3)) : null;
        }
        if (component instanceof HasValidation validation) {
            validation.setErrorMessage(message);
            validation.setInvalid(true);
            return true;
        }
        return false;
    }

    private void clearErrors() {
        formErrors.setVisible(false);
        clear(top);
    }

    private static void clear(Scope scope) {
        scope.components.values().forEach(c -> {
            if (c instanceof HasValidation v) {
                v.setInvalid(false);
            }
        });
        scope.lists.values().forEach(list -> {
            list.error.setVisible(false);
            list.scopes.forEach(FormRenderer::clear);
        });
    }

    private FormLayout layout(List<FormField> components, Scope scope) {
        FormLayout layout = new FormLayout();
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        int index = 0;
        for (FormField field : components) {
            Component component = build(field, scope);
            String key = field.key() != null ? field.key() : "component" + index;
            component.setId((field.type() == FieldType.GROUP ? "group-" : "field-") + key);
            scope.components.put(key, component);
            scope.byField.put(field, component);
            layout.add(component);
            index++;
        }
        return layout;
    }

    private Component build(FormField field, Scope scope) {
        String label = field.label(locale);
        if (field.readonly()) {
            return readonly(field, label);
        }
        return switch (field.type()) {
            case TEXTFIELD -> {
                TextField f = new TextField(label);
                f.setWidthFull();
                if (field.maxLength() != null) {
                    f.setMaxLength(field.maxLength());
                }
                yield input(field, f, scope);
            }
            case TEXTAREA -> {
                TextArea f = new TextArea(label);
                f.setWidthFull();
                f.setMinHeight("6em");
                if (field.maxLength() != null) {
                    f.setMaxLength(field.maxLength());
                }
                yield input(field, f, scope);
            }
            case NUMBER -> input(field, new NumberField(label), scope);
            case SELECT -> {
                Select<String> f = new Select<>();
                f.setLabel(label);
                f.setItems(optionValues(field));
                f.setItemLabelGenerator(v -> v == null ? "" : optionLabel(field, v));
                f.setEmptySelectionAllowed(!field.required());
                yield input(field, f, scope);
            }
            case RADIO -> {
                RadioButtonGroup<String> f = new RadioButtonGroup<>(label);
                f.setItems(optionValues(field));
                f.setItemLabelGenerator(v -> v == null ? "" : optionLabel(field, v));
                yield input(field, f, scope);
            }
            case CHECKLIST -> {
                CheckboxGroup<String> f = new CheckboxGroup<>(label);
                f.setItems(optionValues(field));
                f.setItemLabelGenerator(v -> v == null ? "" : optionLabel(field, v));
                yield input(field, f, scope);
            }
            case SIGNATURE -> input(field, new SignaturePad(label, getTranslation("form.clearSignature")), scope);
            case CHECKBOX -> input(field, new Checkbox(label), scope);
            case DATETIME -> field.isDateOnly() ? input(field, DateFields.date(label), scope)
                    : input(field, DateFields.dateTime(label), scope);
            case TEXT -> new Paragraph(field.text() == null ? "" : field.text());
            case GROUP -> {
                Div group = new Div();
                group.addClassName("form-group");
                group.getStyle().set("border-left", "3px solid var(--lumo-contrast-20pct)")
                        .set("padding-left", "var(--lumo-space-m)");
                group.add(new H4(label == null ? "" : label), layout(field.components(), scope));
                yield group;
            }
            case DYNAMICLIST -> {
                RowList list = new RowList(field);
                scope.lists.put(field.key(), list);
                Div box = new Div();
                box.addClassName("form-list");
                box.add(new H4(label), list.rows, list.error, list.add);
                int initial = Math.max(field.defaultRows(), field.minRows() == null ? 0 : field.minRows());
                if (field.maxRows() != null) {
                    initial = Math.min(initial, field.maxRows());
                }
                for (int i = 0; i < initial; i++) {
                    list.addRow();
                }
                list.renumber();
                yield box;
            }
        };
    }

    /** A read-only field shows the server's value as text (option labels for choices), and takes no input. */
    private Component readonly(FormField field, String label) {
        Object value = data.get(field.key());
        String text = value == null ? "" : switch (field.type()) {
            case SELECT, RADIO -> optionLabel(field, String.valueOf(value));
            case CHECKLIST -> value instanceof java.util.Collection<?> c
                    ? String.join(", ", c.stream().map(v -> optionLabel(field, String.valueOf(v))).toList())
                    : String.valueOf(value);
            case CHECKBOX -> getTranslation(Boolean.TRUE.equals(value) || "true".equals(value) ? "common.yes" : "common.no");
            case DATETIME -> String.valueOf(value).replace('T', ' ');
            default -> String.valueOf(value);
        };
        if (field.type() == FieldType.TEXTAREA) {
            TextArea area = new TextArea(label);
            area.setWidthFull();
            area.setValue(text);
            area.setReadOnly(true);
            return area;
        }
        TextField f = new TextField(label);
        f.setWidthFull();
        f.setValue(text);
        f.setReadOnly(true);
        return f;
    }

    private List<String> optionValues(FormField field) {
        return field.options(data).stream().map(FormField.Option::value).toList();
    }

    /** The option's label: the form's (localised) or, for options the server supplies, the one it gave. */
    private String optionLabel(FormField field, String value) {
        if (field.valuesKey() == null) {
            return field.optionLabel(value, locale);
        }
        return field.options(data).stream().filter(o -> o.value().equals(value)).findFirst()
                .map(FormField.Option::label).orElse(value);
    }

    private Component input(FormField field, Component component, Scope scope) {
        @SuppressWarnings("unchecked")
        HasValue<?, Object> value = (HasValue<?, Object>) component;
        Object initial = initial(field);
        if (initial != null) {
            value.setValue(initial);
        }
        value.setRequiredIndicatorVisible(field.required());
        value.addValueChangeListener(e -> {
            updateVisibility();
            if (built && !valuesListeners.isEmpty()) {
                Map<String, Object> values = values();
                valuesListeners.forEach(listener -> listener.accept(values));
            }
        });
        scope.inputs.put(field.key(), value);
        return component;
    }

    /**
     * What a condition reads, as the validator builds it: on the form, its values overlaid with the server's data; in a
     * row, the form's context overlaid with the row's values.
     */
    private Map<String, Object> context(Scope scope, Map<String, Object> outer) {
        Map<String, Object> current = new HashMap<>(outer);
        scope.inputs.forEach((key, input) -> current.put(key, submitted(input.getValue())));
        if (scope == top) {
            current.putAll(data);
        }
        return current;
    }

    private void updateVisibility() {
        if (!built) {
            return;
        }
        visibility(form.components(), top, context(top, Map.of()));
    }

    private void visibility(List<FormField> components, Scope scope, Map<String, Object> context) {
        for (FormField field : components) {
            Component component = scope.byField.get(field);
            if (component != null && field.hideIf() != null) {
                component.setVisible(!field.hideIf().test(context));
            }
            if (field.type() == FieldType.GROUP) {
                visibility(field.components(), scope, context);
            } else if (field.type() == FieldType.DYNAMICLIST) {
                for (Scope row : scope.lists.get(field.key()).scopes) {
                    visibility(field.components(), row, context(row, context));
                }
            }
        }
    }

    /** The field's {@code defaultValue} in the type its Vaadin component holds, or null. */
    private static Object initial(FormField field) {
        Object d = field.defaultValue();
        if (d == null) {
            return null;
        }
        return switch (field.type()) {
            case TEXTFIELD, TEXTAREA, SELECT, RADIO -> String.valueOf(d);
            case CHECKBOX -> Boolean.TRUE.equals(d) || "true".equals(d);
            case NUMBER -> d instanceof Number n ? n.doubleValue() : Double.valueOf(d.toString());
            case DATETIME -> field.isDateOnly() ? LocalDate.parse(d.toString()) : LocalDateTime.parse(d.toString());
            case CHECKLIST -> d instanceof java.util.Collection<?> c
                    ? new java.util.LinkedHashSet<>(c.stream().map(String::valueOf).toList()) : null;
            default -> null;
        };
    }

    private static Object submitted(Object value) {
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value.toString();
        }
        if (value instanceof java.util.Set<?> set) {
            return set.isEmpty() ? null : List.copyOf(set.stream().map(String::valueOf).sorted().toList());
        }
        if (value instanceof String s && s.isBlank()) {
            return null;
        }
        return value;
    }
}
