/**
 * The one form system: Camunda Forms ({@code forms/**}{@code /*.form}, form-js JSON) parsed into
 * {@link hk.carerelay.form.FormDefinition}, validated on the server by {@link hk.carerelay.form.FormValidator} with
 * the same rules the UI renders. Knows nothing of referrals or tasks.
 */
package hk.carerelay.form;
