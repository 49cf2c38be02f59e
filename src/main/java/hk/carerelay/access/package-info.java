/**
 * The one access policy: who may read or write which section of a patient's record, by role and by relationship to
 * the record, as a DMN decision table ({@code processes/access/record-access.dmn}) that a compliance officer can read
 * in the modeler or Cockpit. Every feature asks here; none carries its own section rules.
 */
package hk.carerelay.access;
