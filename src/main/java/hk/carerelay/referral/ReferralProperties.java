package hk.carerelay.referral;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.referral.*}: triage SLA per urgency (defaults: URGENT 4 hours, ROUTINE 3 days); how long an
 * emergency-access grant lasts (1 hour) and within what time managers should review it (3 days).
 */
@ConfigurationProperties("carerelay.referral")
record ReferralProperties(@DefaultValue TriageSla triageSla, @DefaultValue EmergencyAccessSettings emergencyAccess) {

    record EmergencyAccessSettings(@DefaultValue("PT1H") Duration duration, @DefaultValue("P3D") Duration reviewWithin) {
    }

    record TriageSla(@DefaultValue("PT4H") Duration urgent, @DefaultValue("P3D") Duration routine) {

        Duration of(Urgency urgency) {
            return urgency == Urgency.URGENT ? urgent : routine;
        }
    }
}
