package hk.carerelay.referral;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Command-line data generator: {@code java -jar carerelay.jar --generate-referrals=N [--years=3] [--seed=1]
 * --server.port=0} adds N synthetic referrals to the configured database, prints what it made and exits with 0, or 2
 * on bad options. Under the {@code prod} profile it refuses unless {@code --allow-production-data-generation} is given.
 * It runs once the application is ready rather than as a runner, so that on a new demo database the demo
 * institutions and users it draws senders from exist already. Afterwards PostgreSQL's statistics are taken and an H2
 * file is compacted once the application has closed it ({@link GeneratedDatabase}).
 */
@Component
class ReferralGeneratorCommand {

    static final String OPTION = "generate-referrals";
    static final String PRODUCTION_OVERRIDE = "allow-production-data-generation";
    static final int REFUSED = 2;
    static final int MAX_REFERRALS = 1_000_000;
    static final int MAX_YEARS = 20;

    private final ReferralGenerator generator;
    private final Environment environment;
    private final ApplicationContext context;
    private final JdbcClient jdbc;

    ReferralGeneratorCommand(ReferralGenerator generator, Environment environment, ApplicationContext context,
            JdbcClient jdbc) {
        this.generator = generator;
        this.environment = environment;
        this.context = context;
        this.jdbc = jdbc;
    }

    /** The options, checked; a refusal carries the message to print. */
    record Options(int count, int years, long seed, String refusal) {
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void run(ApplicationReadyEvent event) {
        ApplicationArguments args = new DefaultApplicationArguments(event.getArgs());
        if (!args.containsOption(OPTION)) {
            return;
        }
        Options options = options(args, environment.acceptsProfiles(Profiles.of("prod")));
        int code;
        String url = environment.getProperty("spring.datasource.url", "");
        if (options.refusal() != null) {
            System.err.println(options.refusal());
            code = REFUSED;
        } else {
            try {
                ReferralGenerator.Result result = generator.generate(options.count(),
                        Duration.ofDays(365L * options.years()), options.seed());
                System.out.println(describe(result, options));
                if (GeneratedDatabase.isPostgres(url)) {
                    GeneratedDatabase.analyse(jdbc);
                    System.out.println("Analysed the database's tables for the query planner.");
                }
                code = 0;
            } catch (IllegalStateException e) {
                System.err.println("Nothing generated: " + e.getMessage());
                code = REFUSED;
            }
        }
        int generated = code;
        int exit = SpringApplication.exit(context, (ExitCodeGenerator) () -> generated);
        if (exit == 0 && GeneratedDatabase.isCompactable(url)) {
            // the application is closed now: the file is rewritten without the chunks the bulk writes left dead
            try {
                long millis = GeneratedDatabase.compact(url, environment.getProperty("spring.datasource.username", ""),
                        environment.getProperty("spring.datasource.password", ""));
                System.out.println("Compacted the database file in " + millis + " ms.");
            } catch (SQLException e) {
                System.err.println("The referrals are stored, but the database file could not be compacted: "
                        + e.getMessage());
            }
        }
        System.exit(exit);
    }

    static Options options(ApplicationArguments args, boolean production) {
        if (production && !args.containsOption(PRODUCTION_OVERRIDE)) {
            return refused("Refusing to generate synthetic referrals under the prod profile: they would mix with real "
                    + "patients' records. Add --" + PRODUCTION_OVERRIDE + " if this really is a test installation.");
        }
        Long count = number(args, OPTION, null);
        if (count == null || count < 1 || count > MAX_REFERRALS) {
            return refused("--" + OPTION + " needs a number of referrals between 1 and " + MAX_REFERRALS + ".");
        }
        Long years = number(args, "years", 3L);
        if (years == null || years < 1 || years > MAX_YEARS) {
            return refused("--years must be a whole number of years between 1 and " + MAX_YEARS + ".");
        }
        Long seed = number(args, "seed", System.nanoTime());
        if (seed == null) {
            return refused("--seed must be a whole number.");
        }
        return new Options(count.intValue(), years.intValue(), seed, null);
    }

    private static Options refused(String message) {
        return new Options(0, 0, 0, message);
    }

    /** The option's number, the default when it is absent, null when it is not a number. */
    private static Long number(ApplicationArguments args, String name, Long otherwise) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(values.get(values.size() - 1).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String describe(ReferralGenerator.Result r, Options options) {
        return "Generated " + r.referralIds().size() + " referrals for " + r.patients() + " patients over "
                + options.years() + " years (seed " + options.seed() + ") in " + r.millis() + " ms; by status: "
                + r.byStatus() + "; " + r.processesStarted() + " running processes for the open ones.";
    }
}
