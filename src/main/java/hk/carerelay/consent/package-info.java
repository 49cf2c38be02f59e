/**
 * Patients' consent to share their record with a receiving institution: per referral or standing per institution,
 * captured in the clinic with a drawn signature and a witness, kept as a signed PDF in the document store, ended by
 * withdrawal or by a timer at the end of its validity. Answers the access policy's question "may the receiving side
 * see the clinical part yet" through {@link hk.carerelay.access.SharingConsents}; it decides nothing about roles or
 * sections itself, and moves referrals only by the messages their process waits for.
 */
package hk.carerelay.consent;
