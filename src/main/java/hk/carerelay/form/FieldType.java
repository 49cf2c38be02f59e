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
    /** Several choices at once (form-js {@code checklist}); submitted as a list of option values. */
    CHECKLIST("checklist", true),
    /** A drawn signature, submitted as a PNG data URL (CareRelay's own type; form-js has none). */
    SIGNATURE("signature", true),
    /** Static text (markdown in form-js); shown, never submitted. */
    TEXT("text", false),
    /** A labelled box around nested components; its children's keys stay flat in the submitted values. */
    GROUP("group", false),
    /** Repeatable rows of nested components, submitted under the list's {@code path} as a list of maps. */
    DYNAMICLIST("dynamiclist", true);

    private final String jsonName;
    private final boolean input;

    FieldType(String jsonName, boolean input) {
        this.jsonName = jsonName;
        this.input = input;
    }

    public boolean isInput() {
        return input;
    }

    /** Whether the component holds nested components. */
    public boolean isContainer() {
        return this == GROUP || this == DYNAMICLIST;
    }

    static Optional<FieldType> fromJson(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }
}
