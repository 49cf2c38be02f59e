package hk.carerelay.form;

import java.util.Arrays;
import java.util.Optional;

/** The form-js component types the renderer and validator understand. */
public enum FieldType {
    TEXTFIELD("textfield", true),
    TEXTAREA("textarea", true),
    NUMBER("number", true),
    SELECT("select", true),
    RADIO("radio", true),
    CHECKBOX("checkbox", true),
    DATETIME("datetime", true),
    /** Static text (markdown in form-js); shown, never submitted. */
    TEXT("text", false);

    private final String jsonName;
    private final boolean input;

    FieldType(String jsonName, boolean input) {
        this.jsonName = jsonName;
        this.input = input;
    }

    public boolean isInput() {
        return input;
    }

    static Optional<FieldType> fromJson(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }
}
