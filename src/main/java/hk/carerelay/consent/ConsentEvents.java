package hk.carerelay.consent;

import java.util.List;

/** Past-tense events of the consent feature, for notifications to react to. */
public final class ConsentEvents {

    private ConsentEvents() {
    }

    /**
     * A consent was recorded (granted or refused), withdrawn or expired. {@code referralIds} are the open referrals
     * whose sharing it changes; {@code recordingInstitution} is the clinic that captured it.
     */
    public record ConsentChanged(String consentId, ConsentStatus status, String recordingInstitution, String witness,
            String receivingInstitution, List<String> referralIds) {
    }
}
