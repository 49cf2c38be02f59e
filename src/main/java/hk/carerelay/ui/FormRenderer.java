package hk.carerelay.ui;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormField;
import hk.carerelay.form.FormValidator;
import hk.carerelay.shared.FieldError;
import hk.carerelay.shared.ValidationException;

/**
 * The one renderer for every task form: builds Vaadin fields from a {@link FormDefinition}, shows and hides them as
 * their conditions change, and checks input with the same {@link FormValidator} the server uses on submission.
 */
public class FormRenderer extends VerticalLayout {

    private final FormDefinition form;
    private final Locale locale;
    private final Map<String, HasValue<?, ?>> inputs = new LinkedHashMap<>();
    private final Map<String, Component> components = new HashMap<>();
    private final Div formErrors = new Div();

    public FormRenderer(FormDefinition form, Locale locale) {
        this.form = form;
        this.locale = locale;
        setPadding(false);
        FormLayout layout = new FormLayout();
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        for (FormField field : form.fields()) {
            Component component = build(field);
            component.setId("field-" + field.key());
            components.put(field.key(), component);
            layout.add(component);
        }
        formErrors.setId("form-errors");
        formErrors.getStyle().set("color", "var(--lumo-error-text-color)");
        formErrors.setVisible(false);
        add(layout, formErrors);
        updateVisibility();
    }

    /** The values of the visible fields, in the types the validator expects (ISO text for dates). */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        inputs.forEach((key, input) -> {
            if (components.get(key).isVisible()) {
                Object value = submitted(input.getValue());
                if (value != null) {
                    values.put(key, value);
                }
            }
        });
        return values;
    }

    /** Checks the input as the server will; shows the errors and answers false if there are any. */
    public boolean validate() {
        clearErrors();
        try {
            FormValidator.validate(form, values());
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
            Component component = components.get(error.field());
            if (component instanceof HasValidation validation) {
                validation.setErrorMessage(getTranslation("form.error", error.message()));
                validation.setInvalid(true);
            } else {
                other.append(error.field()).append(": ").append(error.message()).append('\n');
            }
        }
        if (!other.isEmpty()) {
            formErrors.setText(other.toString());
            formErrors.setVisible(true);
        }
    }

    private void clearErrors() {
        formErrors.setVisible(false);
        components.values().forEach(c -> {
            if (c instanceof HasValidation v) {
                v.setInvalid(false);
            }
        });
    }

    private Component build(FormField field) {
        String label = field.label(locale);
        Component component = switch (field.type()) {
            case TEXTFIELD -> {
                TextField f = new TextField(label);
                f.setWidthFull();
                if (field.maxLength() != null) {
                    f.setMaxLength(field.maxLength());
                }
                yield input(field, f);
            }
            case TEXTAREA -> {
                TextArea f = new TextArea(label);
                f.setWidthFull();
                f.setMinHeight("6em");
                if (field.maxLength() != null) {
                    f.setMaxLength(field.maxLength());
                }
                yield input(field, f);
            }
            case NUMBER -> input(field, new NumberField(label));
            case SELECT -> {
                Select<String> f = new Select<>();
                f.setLabel(label);
                f.setItems(field.options().stream().map(FormField.Option::value).toList());
                f.setItemLabelGenerator(v -> optionLabel(field, v));
                f.setEmptySelectionAllowed(!field.required());
                yield input(field, f);
            }
            case RADIO -> {
                RadioButtonGroup<String> f = new RadioButtonGroup<>(label);
                f.setItems(field.options().stream().map(FormField.Option::value).toList());
                f.setItemLabelGenerator(v -> optionLabel(field, v));
                yield input(field, f);
            }
            case CHECKBOX -> input(field, new Checkbox(label));
            case DATETIME -> field.isDateOnly() ? input(field, new DatePicker(label))
                    : input(field, new DateTimePicker(label));
            case TEXT -> new Paragraph(field.text() == null ? "" : field.text());
        };
        return component;
    }

    private Component input(FormField field, Component component) {
        @SuppressWarnings("unchecked")
        HasValue<?, Object> value = (HasValue<?, Object>) component;
        value.setRequiredIndicatorVisible(field.required());
        value.addValueChangeListener(e -> updateVisibility());
        inputs.put(field.key(), value);
        return component;
    }

    private String optionLabel(FormField field, String value) {
        if (value == null) {
            return "";
        }
        return field.options().stream().filter(o -> o.value().equals(value)).findFirst()
                .map(o -> field.optionLabel(o, locale)).orElse(value);
    }

    private void updateVisibility() {
        Map<String, Object> current = new HashMap<>();
        inputs.forEach((key, input) -> current.put(key, submitted(input.getValue())));
        for (FormField field : form.fields()) {
            if (field.hideIf() != null) {
                components.get(field.key()).setVisible(!field.hideIf().test(current));
            }
        }
    }

    private static Object submitted(Object value) {
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value.toString();
        }
        if (value instanceof String s && s.isBlank()) {
            return null;
        }
        return value;
    }
}
