package hk.carerelay.referral;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code carerelay.referral.*}: triage SLA per urgency (defaults: URGENT 4 hours, ROUTINE 3 days). */
@ConfigurationProperties("carerelay.referral")
record ReferralProperties(@DefaultValue TriageSla triageSla) {

    record TriageSla(@DefaultValue("PT4H") Duration urgent, @DefaultValue("P3D") Duration routine) {

        Duration of(Urgency urgency) {
            return urgency == Urgency.URGENT ? urgent : routine;
        }
    }
}
