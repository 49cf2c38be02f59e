package hk.carerelay.consent;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import hk.carerelay.access.SharingConsents;
import hk.carerelay.shared.NotFoundException;

/**
 * The access policy's consent question, answered from the consent table alone (so that the referral feature can ask
 * it without depending on this one): a referral is shared when a consent of its own, or a standing consent for its
 * patient and receiving institution, is granted and inside its validity now.
 */
@Component
class ConsentGate implements SharingConsents {

    private final ConsentRepository consents;
    private final Clock clock;

    ConsentGate(ConsentRepository consents, Clock clock) {
        this.consents = consents;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> sharingGranted(Collection<SharedRecord> records) {
        if (records.isEmpty()) {
            return Set.of();
        }
        var now = clock.instant();
        if (records.size() == 1) {
            // one referral (the task path asks for one task's case): one statement instead of two
            String id = records.iterator().next().referralId();
            return consents.sharingGranted(id, now).orElse(false) ? Set.of(id) : Set.of();
        }
        List<String> ids = records.stream().map(SharedRecord::referralId).distinct().toList();
        Set<String> granted = new HashSet<>(consents.granted(ids, now));
        Set<String> standing = consents.standingGranted(
                records.stream().map(SharedRecord::patientId).distinct().toList(), now);
        for (SharedRecord r : records) {
            if (standing.contains(r.patientId() + "|" + r.receivingInstitution())) {
                granted.add(r.referralId());
            }
        }
        return granted;
    }

    /**
     * One referral by id, the question the task path and the sharing step ask: the consents and the referral's patient
     * and institution read in one statement.
     */
    @Override
    @Transactional(readOnly = true)
    public boolean sharingGranted(String referralId) {
        return consents.sharingGranted(referralId, clock.instant())
                .orElseThrow(() -> new NotFoundException("No referral " + referralId + "."));
    }
}
