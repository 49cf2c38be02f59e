package hk.carerelay.message;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import hk.carerelay.access.Access;
import hk.carerelay.access.RecordSection;
import hk.carerelay.access.Relationship;
import hk.carerelay.consultation.Consultation;
import hk.carerelay.consultation.ConsultationService;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * A consultation's thread, between the requesting doctor and the consulted department's doctors: whoever the policy
 * lets read the consultation (its CONSULTATION section) reads and writes in it. Messages may point at documents of
 * the consultation's referral only if the request shared the referral's DOCUMENTS section, and then only at those the
 * author may open.
 */
@Component
class ConsultationThreads implements CaseThreads {

    private final ConsultationService consultations;
    private final ClinicalDocuments documents;

    ConsultationThreads(ConsultationService consultations, ClinicalDocuments documents) {
        this.consultations = consultations;
        this.documents = documents;
    }

    @Override
    public CaseType type() {
        return CaseType.CONSULTATION;
    }

    @Override
    public Optional<Participation> participation(CareRelayUser user, String caseId) {
        return consultations.sectionAccess(user, caseId, RecordSection.CONSULTATION)
                .map(ConsultationThreads::participation);
    }

    @Override
    public Map<String, Participation> participations(CareRelayUser user, Collection<String> caseIds) {
        Map<String, Participation> participations = new LinkedHashMap<>();
        consultations.sectionAccess(user, caseIds, RecordSection.CONSULTATION)
                .forEach((id, a) -> participations.put(id, participation(a)));
        return participations;
    }

    @Override
    public String candidateJoin() {
        return """
                JOIN consultation c ON c.id = m.case_id AND c.institution = :institution
                  AND (c.requester = :me OR c.consulted_department = :department)""";
    }

    @Override
    public Map<String, ClinicalDocuments.Document> openable(CareRelayUser user, Participation participation) {
        return !participation.attachments() ? Map.of()
                : documents.openableIn(user, participation.referralId());
    }

    @Override
    public Optional<String> noAttachments(Participation participation) {
        return participation.attachments() ? Optional.empty()
                : Optional.of("cannot be attached: this consultation shares no documents of a referral");
    }

    private static Participation participation(ConsultationService.SectionAccess access) {
        Consultation c = access.consultation();
        return new Participation(CaseType.CONSULTATION, c.id(), c.patientId(), c.referralId(),
                access.access().allowsRead() ? Access.WRITE : Access.DENY, true, c.consultedDepartment(),
                recipients(access), c.referralId() != null && c.sharedSections().contains(RecordSection.DOCUMENTS));
    }

    /** The requester's messages go to the consulted department's doctors, theirs to the requester. */
    private static List<String> recipients(ConsultationService.SectionAccess access) {
        Consultation c = access.consultation();
        Set<String> recipients = new LinkedHashSet<>();
        if (access.standing().contains(Relationship.CONSULT_REQUESTER)) {
            recipients.add(CareRelayUser.group(c.institution(), Role.SPECIALIST, c.consultedDepartment()));
        }
        if (access.standing().contains(Relationship.CONSULTED_DEPARTMENT)) {
            recipients.add(c.requester());
        }
        return List.copyOf(recipients);
    }
}
