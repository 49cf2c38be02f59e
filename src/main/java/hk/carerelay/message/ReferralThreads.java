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
import hk.carerelay.document.ClinicalDocuments;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;
import hk.carerelay.referral.Referral;
import hk.carerelay.referral.ReferralService;

/**
 * A referral's thread: whoever may see the referral and read its MESSAGES section reads it; the sending and receiving
 * sides write as the policy says; emergency access reads without taking part. Messages point at the referral's
 * documents.
 */
@Component
class ReferralThreads implements CaseThreads {

    private final ReferralService referrals;
    private final ClinicalDocuments documents;

    ReferralThreads(ReferralService referrals, ClinicalDocuments documents) {
        this.referrals = referrals;
        this.documents = documents;
    }

    @Override
    public CaseType type() {
        return CaseType.REFERRAL;
    }

    @Override
    public Optional<Participation> participation(CareRelayUser user, String caseId) {
        return referrals.sectionAccess(user, caseId, RecordSection.MESSAGES).map(ReferralThreads::participation);
    }

    @Override
    public Map<String, Participation> participations(CareRelayUser user, Collection<String> caseIds) {
        Map<String, Participation> participations = new LinkedHashMap<>();
        referrals.sectionAccess(user, caseIds, RecordSection.MESSAGES)
                .forEach((id, a) -> participations.put(id, participation(a)));
        return participations;
    }

    @Override
    public String candidateJoin() {
        return """
                JOIN referral c ON c.id = m.case_id
                  AND (c.sending_institution = :institution OR c.receiving_institution = :institution)""";
    }

    @Override
    public Map<String, ClinicalDocuments.Document> openable(CareRelayUser user, Participation participation) {
        return documents.openableIn(user, participation.caseId());
    }

    @Override
    public Optional<String> noAttachments(Participation participation) {
        return Optional.empty();
    }

    /** Participants are the sending and receiving sides; emergency access reads without taking part. */
    private static Participation participation(ReferralService.SectionAccess access) {
        Referral r = access.referral();
        boolean participant = access.standing().contains(Relationship.SENDING)
                || access.standing().contains(Relationship.RECEIVING);
        Access thread = access.access().allowsRead() && !(participant && access.access().allowsWrite())
                ? Access.READ : access.access();
        return new Participation(CaseType.REFERRAL, r.id(), r.patientId(), r.id(), thread, participant,
                r.specialty(), recipients(access), true);
    }

    /**
     * Who hears of a message: from the sending side, the receiving coordinators and the specialists of
     * the specialty; from the receiving side, the referring doctor.
     */
    private static List<String> recipients(ReferralService.SectionAccess access) {
        Referral r = access.referral();
        Set<String> recipients = new LinkedHashSet<>();
        if (access.standing().contains(Relationship.SENDING)) {
            recipients.add(CareRelayUser.group(r.receivingInstitution(), Role.COORDINATOR));
            recipients.add(CareRelayUser.group(r.receivingInstitution(), Role.SPECIALIST, r.specialty()));
        }
        if (access.standing().contains(Relationship.RECEIVING)) {
            recipients.add(r.sendingUser());
        }
        return List.copyOf(recipients);
    }
}
