package hk.carerelay.demo;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.referral.ReferralGenerator;

/**
 * A year of synthetic referral history for a new demo database ({@code carerelay.demo.history-referrals}, 0 for none),
 * made by the same generator as {@code --generate-referrals}: the hand-made demo referrals move through their steps
 * within seconds of start-up, so without a history the manager's dashboard and the worklists would show turnarounds of
 * a few milliseconds and almost no volume.
 */
@Component
@Profile("demo")
class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    private static final long SEED = 20_261_127L;

    private final ReferralGenerator generator;
    private final int referrals;
    private final ApplicationArguments arguments;

    DemoHistory(ReferralGenerator generator, @Value("${carerelay.demo.history-referrals:0}") int referrals,
            ApplicationArguments arguments) {
        this.generator = generator;
        this.referrals = referrals;
        this.arguments = arguments;
    }

    @EventListener(DemoData.DemoDataCreated.class)
    void generate() {
        // a run of --generate-referrals makes exactly the history it is asked for
        if (referrals <= 0 || arguments.containsOption("generate-referrals")) {
            return;
        }
        ReferralGenerator.Result result = generator.generate(referrals, Duration.ofDays(365), SEED);
        log.info("Demo history: {} synthetic referrals over the last year ({} ms)", result.referralIds().size(),
                result.millis());
    }
}
