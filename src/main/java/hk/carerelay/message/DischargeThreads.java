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
import hk.carerelay.discharge.DischargeHandover;
import hk.carerelay.discharge.DischargeHandovers;
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * A discharge handover's thread, between the discharging hospital's doctors and the family doctor it is addressed to:
 * whoever the policy lets read the handover (its DISCHARGE section) reads and writes in it. Its messages point at no
 * document: the handover's summary and results are its content, and a referral's documents are not the thread's to
 * pass on.
 */
@Component
class DischargeThreads implements CaseThreads {

    private final DischargeHandovers handovers;

    DischargeThreads(DischargeHandovers handovers) {
        this.handovers = handovers;
    }

    @Override
    public CaseType type() {
        return CaseType.DISCHARGE;
    }

    @Override
    public Optional<Participation> participation(CareRelayUser user, String caseId) {
        return handovers.sectionAccess(user, caseId, RecordSection.DISCHARGE).map(DischargeThreads::participation);
    }

    @Override
    public Map<String, Participation> participations(CareRelayUser user, Collection<String> caseIds) {
        Map<String, Participation> participations = new LinkedHashMap<>();
        handovers.sectionAccess(user, caseIds, RecordSection.DISCHARGE)
                .forEach((id, a) -> participations.put(id, participation(a)));
        return participations;
    }

    @Override
    public String candidateJoin() {
        return """
                JOIN discharge_handover c ON c.id = m.case_id
                  AND (c.hospital = :institution OR c.family_doctor = :me)""";
    }

    @Override
    public Map<String, ClinicalDocuments.Document> openable(CareRelayUser user, Participation participation) {
        return Map.of();
    }

    @Override
    public Optional<String> noAttachments(Participation participation) {
        return Optional.of("cannot be attached: messages about a discharge handover take no attachments");
    }

    private static Participation participation(DischargeHandovers.SectionAccess access) {
        DischargeHandover h = access.handover();
        return new Participation(CaseType.DISCHARGE, h.id(), h.patientId(), h.referralId(),
                access.access().allowsRead() ? Access.WRITE : Access.DENY, true, null, recipients(access), false);
    }

    /** The hospital side's messages go to the family doctor; the family doctor's to the doctor who wrote it. */
    private static List<String> recipients(DischargeHandovers.SectionAccess access) {
        DischargeHandover h = access.handover();
        Set<String> recipients = new LinkedHashSet<>();
        if (access.standing().contains(Relationship.SENDING)) {
            recipients.add(h.familyDoctor());
        }
        if (access.standing().contains(Relationship.RECEIVING)) {
            recipients.add(h.author());
        }
        return List.copyOf(recipients);
    }
}
