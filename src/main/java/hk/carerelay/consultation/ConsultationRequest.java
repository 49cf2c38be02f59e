package hk.carerelay.consultation;

import java.util.List;

/**
 * What a doctor sends to ask for an opinion: the department asked, urgency (URGENT or ROUTINE), the question, and
 * either a referral the doctor can see (with the sections of it the consulted side may read) or a registered
 * patient's HKID.
 */
public record ConsultationRequest(String consultedDepartment, String urgency, String question, String referralId,
        List<String> sharedSections, String patientHkid) {
}
