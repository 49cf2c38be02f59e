/**
 * The one path to complete a task, used by the API and the UI alike: find the task, check the caller's scope (through
 * the case's {@link hk.carerelay.workflow.CaseAccess}) and the step's candidate groups, validate the submitted values
 * against the task's deployed form, store the submission and complete the task in one transaction. Also the task
 * list, claim/unclaim and the timeline read from engine history. Knows no feature's internals.
 */
package hk.carerelay.workflow;
