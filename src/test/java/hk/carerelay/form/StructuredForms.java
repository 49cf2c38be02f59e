package hk.carerelay.form;

/** A form with every structure the renderer and validator share: a read-only field, a group and a list of rows. */
public final class StructuredForms {

    public static final FormDefinition DISCHARGE_LIKE = FormParser.parse("""
            {
              "id": "structured",
              "components": [
                { "type": "textfield", "key": "patientName", "label": "Patient", "readonly": true },
                { "type": "radio", "key": "outcome", "label": "Outcome", "validate": { "required": true },
                  "values": [ { "label": "Home", "value": "HOME" }, { "label": "Transfer", "value": "TRANSFER" } ] },
                { "type": "group", "id": "transfer", "label": "Transfer",
                  "conditional": { "hide": "=outcome != \\"TRANSFER\\"" },
                  "components": [
                    { "type": "textfield", "key": "destination", "label": "Destination",
                      "validate": { "required": true, "minLength": 3, "pattern": "[A-Z].*" } }
                  ] },
                { "type": "dynamiclist", "path": "medications", "label": "Medication", "isRepeating": true,
                  "allowAddRemove": true, "validate": { "minRows": 1, "maxRows": 3 },
                  "components": [
                    { "type": "textfield", "key": "drug", "label": "Drug", "validate": { "required": true, "maxLength": 40 } },
                    { "type": "select", "key": "change", "label": "Change", "validate": { "required": true },
                      "values": [ { "label": "New", "value": "NEW" }, { "label": "Stopped", "value": "STOPPED" } ] },
                    { "type": "textfield", "key": "dose", "label": "Dose", "validate": { "required": true },
                      "conditional": { "hide": "=change = \\"STOPPED\\"" } },
                    { "type": "number", "key": "days", "label": "Days", "validate": { "min": 1, "max": 90 } }
                  ] },
                { "type": "checkbox", "key": "isolation", "label": "Isolation precautions",
                  "conditional": { "hide": "=patientName = null" } }
              ]
            }
            """);

    private StructuredForms() {
    }
}
