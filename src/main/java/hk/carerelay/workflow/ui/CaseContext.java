package hk.carerelay.workflow.ui;

import com.vaadin.flow.component.Component;

import hk.carerelay.identity.CareRelayUser;

/**
 * What the task form shows above the form: the case the task is about (for a referral, the letter and the forms
 * submitted so far). Provided by the feature that owns the process.
 */
public interface CaseContext {

    String processDefinitionKey();

    Component render(CareRelayUser user, String caseId);
}
