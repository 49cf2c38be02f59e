package hk.carerelay.ui;

import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import hk.carerelay.form.FormDefinition;
import hk.carerelay.form.FormField;

/** A submitted form shown read-only: each answered field with its label, option labels for choices. */
public class SubmittedForm extends Div {

    public SubmittedForm(FormDefinition form, Map<String, Object> values, Locale locale) {
        addClassName("submitted-form");
        for (FormField field : form.fields()) {
            if (!field.type().isInput() || !values.containsKey(field.key())) {
                continue;
            }
            Object value = values.get(field.key());
            String text = switch (field.type()) {
                case SELECT, RADIO -> field.options().stream().filter(o -> o.value().equals(String.valueOf(value)))
                        .findFirst().map(o -> field.optionLabel(o, locale)).orElse(String.valueOf(value));
                case CHECKBOX -> getTranslation(Boolean.TRUE.equals(value) ? "common.yes" : "common.no");
                case DATETIME -> String.valueOf(value).replace('T', ' ');
                default -> String.valueOf(value);
            };
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
}
