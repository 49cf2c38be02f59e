package hk.carerelay.access;

import java.util.Collection;
import java.util.Set;

/**
 * Whether the patient has consented to share a referral's clinical part with the institution it was sent to (ADR
 * 0019). Until one has, the receiving side stands to the record as {@link Relationship#AWAITING_CONSENT}, and the
 * decision table says what that relationship sees.
 */
public interface SharingConsents {

    /** A referral, named by what consent is given for: the patient and the receiving institution. */
    record SharedRecord(String referralId, String patientId, String receivingInstitution) {
    }

    /** Of these referrals, the ids of those covered now by a granted, unexpired consent (referral or standing). */
    Set<String> sharingGranted(Collection<SharedRecord> records);

    /** Whether this referral is covered now; the same answer as the collection form, for one referral. */
    default boolean sharingGranted(SharedRecord record) {
        return sharingGranted(record.referralId());
    }

    /**
     * Whether the referral with this id is covered now: the same answer as for its {@link SharedRecord}, for a caller
     * that has not read the referral's patient. Fails with a NotFoundException if there is no such referral.
     */
    boolean sharingGranted(String referralId);
}
