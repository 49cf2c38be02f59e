/**
 * The closed-loop referral (FHIR ServiceRequest): submission by a referring doctor, the {@code referral} process and
 * its delegates, status, scope rules and the referral API. Tasks are completed through the workflow package, never
 * directly; other features learn of changes through the events published here.
 */
package hk.carerelay.referral;
