package hk.carerelay.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import hk.carerelay.form.FieldType;
import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormField;

/**
 * A submitted form shown read-only: each answered field with its label, option labels for choices, and a list's rows
 * one line each, every answer after a row's first with its column's label.
 */
public class SubmittedForm extends Div {

    public SubmittedForm(FormDefinition form, Map<String, Object> values, Locale locale) {
        addClassName("submitted-form");
        for (FormField field : form.fields()) {
            if (!field.type().isInput() || !values.containsKey(field.key())) {
                continue;
            }
            Object value = values.get(field.key());
            String text = field.type() == FieldType.DYNAMICLIST ? rows(field, value, locale) : text(field, value, locale);
            Div row = new Div();
            Span label = new Span(field.label(locale) + ": ");
            label.getStyle().set("font-weight", "600");
            Span content = new Span(text);
            content.getStyle().set("white-space", "pre-wrap");
            row.add(label, content);
            row.getStyle().set("margin-bottom", "var(--lumo-space-xs)");
            add(row);
        }
    }

    private String rows(FormField list, Object value, Locale locale) {
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            return "—";
        }
        StringBuilder text = new StringBuilder();
        for (Object row : rows) {
            if (!(row instanceof Map<?, ?> cells)) {
                continue;
            }
            // the first answer says what the row is; the others carry their labels ("Days after discharge: 7"),
            // since a bare number or choice means nothing on its own
            StringBuilder line = new StringBuilder();
            for (FormField column : list.components()) {
                Object cell = cells.get(column.key());
                if (column.type().isInput() && cell != null) {
                    if (!line.isEmpty()) {
                        line.append(" · ").append(column.label(locale)).append(": ");
                    }
                    line.append(text(column, cell, locale));
                }
            }
            text.append("\n• ").append(line);
        }
        return text.toString();
    }

    private String text(FormField field, Object value, Locale locale) {
        return switch (field.type()) {
            case SELECT, RADIO -> field.optionLabel(String.valueOf(value), locale);
            case CHECKLIST -> value instanceof List<?> chosen
                    ? String.join(", ", chosen.stream().map(v -> field.optionLabel(String.valueOf(v), locale)).toList())
                    : String.valueOf(value);
            // the image itself stays with the record that holds it (the signed consent form), never in a page of text
            case SIGNATURE -> getTranslation("form.signed");
            case CHECKBOX -> getTranslation(Boolean.TRUE.equals(value) ? "common.yes" : "common.no");
            case DATETIME -> String.valueOf(value).replace('T', ' ');
            default -> String.valueOf(value);
        };
    }
}
