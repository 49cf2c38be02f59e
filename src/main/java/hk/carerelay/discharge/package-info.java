/**
 * Discharge handover: a hospital doctor's discharge summary sent to the patient's family doctor, who acknowledges it,
 * works its follow-up items as dated tasks and receives results that arrive after discharge. The summary and results are
 * sealed in the document store; rows and engine variables hold ids, dates and states only. Who may read is the access
 * policy's DISCHARGE section; this package does not touch referrals' records beyond reading the one a handover names.
 */
package hk.carerelay.discharge;
