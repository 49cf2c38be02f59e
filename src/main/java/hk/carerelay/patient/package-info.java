/**
 * Patients as identified in Hong Kong: by HKID, with its check digit. Finds or registers the patient a referral is
 * about; owns the patient table and nothing else.
 */
package hk.carerelay.patient;
