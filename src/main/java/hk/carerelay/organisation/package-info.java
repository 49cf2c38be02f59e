/**
 * The directory of institutions (clinics, hospitals, specialist centres) and specialty codes that referrals are
 * routed by. Reference data only; owns no patient data.
 */
package hk.carerelay.organisation;
