/**
 * Cross-department consultations: a doctor asks another department of the same institution for an opinion, the
 * consulted department answers through the task path, the requester acknowledges. Question and opinion are sealed in
 * the document store; who may read them is the access policy's CONSULTATION section. Reads a referral only through
 * the referral feature's public service.
 */
package hk.carerelay.consultation;
