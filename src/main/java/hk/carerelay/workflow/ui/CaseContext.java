package hk.carerelay.workflow.ui;

import java.util.Map;

import com.vaadin.flow.component.Component;

import hk.carerelay.identity.CareRelayUser;

/**
 * What the task form shows above the form: the case the task is about (for a referral, the letter and the forms
 * submitted so far). Provided by the feature that owns the process.
 */
public interface CaseContext {

    String processDefinitionKey();

    Component render(CareRelayUser user, String caseId);

    /**
     * The task form's values changed (not yet submitted): what {@link #render} made may follow them, for example a
     * link to a preview of what the form would do. {@code rendered} is that component; most contexts ignore this.
     */
    default void formChanged(Component rendered, Map<String, Object> values) {
    }
}
