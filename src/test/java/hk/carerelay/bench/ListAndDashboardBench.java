package hk.carerelay.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import hk.carerelay.CareRelayApplication;
import hk.carerelay.dashboard.DashboardQuery;
import hk.carerelay.dashboard.Dashboards;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.referral.GeneratedDatabase;
import hk.carerelay.referral.ReferralGenerator;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.referral.ReferralStatus;
import hk.carerelay.referral.Worklist;
import hk.carerelay.referral.WorklistFilter;
import hk.carerelay.referral.Worklists;

/**
 * Read benchmark (not a test) for issue 7's goals: server time of the worklist counts, each worklist's first page,
 * the referral list and the manager's dashboard, over many repetitions, for a coordinator and a manager, on a
 * database the data generator has already filled. It boots the application against that database (demo profile, so
 * that the demo users exist; job executor off) and calls the services directly, as the API and the views do: no
 * HTTP, JSON or browser. Prints p50, p95 and the largest time per operation. How to run it: docs/performance.md.
 */
public final class ListAndDashboardBench {

    static final String USAGE = """
            options:
              --url=JDBC_URL        the database the generator filled (required): jdbc:h2:file:/path/carerelay or
                                    jdbc:postgresql://host:5432/name (user and password from --db-user/--db-password,
                                    else CARERELAY_DB_USER / CARERELAY_DB_PASSWORD)
              --keystore=PATH       the keystore the application used with that database (default
                                    ./data/carerelay-keys.p12, as the demo profile)
              --repetitions=N       measured calls per operation (default 200)
              --warmup=N            unmeasured calls per operation, all operations before any is measured, and a
                                    tenth of them again just before each (default 20)
              --coordinator=NAME    default coord.wong
              --manager=NAME        default manager.tsang
              --period-days=D       the dashboard's period, ending today (default 84)
              --generate=N          first add N generated referrals to the database; for a throwaway database only.
                                    Then, as the generator command does, an H2 file is compacted and PostgreSQL analysed
              --years=Y             the history those referrals are spread over (default 3): the same Y for 10,000
                                    and 100,000 gives ten times the daily workload, Y ten times longer the same one
              --only=TEXT           measure only the operations whose name contains TEXT (e.g. dashboard)
            """;

    private ListAndDashboardBench() {
    }

    public static void main(String[] args) throws java.sql.SQLException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (!kv[0].startsWith("--") || kv.length < 2 && !kv[0].equals("--help")) {
                throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
            options.put(kv[0].substring(2), kv.length > 1 ? kv[1] : "");
        }
        List<String> known = List.of("url", "keystore", "repetitions", "warmup", "coordinator", "manager",
                "period-days", "generate", "years", "db-user", "db-password", "only", "help");
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown option --" + key + "\n" + USAGE);
            }
        }
        if (options.containsKey("help") || !options.containsKey("url")) {
            System.out.println(USAGE);
            System.exit(options.containsKey("help") ? 0 : 2);
        }
        String url = options.get("url");
        boolean postgres = GeneratedDatabase.isPostgres(url);
        // H2 hands back a query's last result while no table it reads has changed; the bench repeats the same calls,
        // so that would time a cache. Users' calls rarely repeat exactly between two writes: measure without it.
        boolean reuseSet = url.toUpperCase(Locale.ROOT).contains("OPTIMIZE_REUSE_RESULTS");
        String measured = GeneratedDatabase.isH2File(url) && !reuseSet ? url + ";OPTIMIZE_REUSE_RESULTS=0" : url;
        List<String> properties = new ArrayList<>(List.of(
                "--spring.datasource.url=" + measured,
                "--carerelay.crypto.keystore-path=" + options.getOrDefault("keystore", "./data/carerelay-keys.p12"),
                "--camunda.bpm.job-execution.enabled=false",
                "--carerelay.demo.history-referrals=0",
                "--carerelay.audit.seal-interval=PT24H",
                "--logging.level.root=WARN",
                "--vaadin.productionMode=true",
                "--server.port=0"));
        if (options.containsKey("db-user")) {
            properties.add("--spring.datasource.username=" + options.get("db-user"));
        }
        if (options.containsKey("db-password")) {
            properties.add("--spring.datasource.password=" + options.get("db-password"));
        }
        int years = Integer.parseInt(options.getOrDefault("years", "3"));
        if (years < 1 || years > 20) {
            throw new IllegalArgumentException("--years must be a whole number of years from 1 to 20\n" + USAGE);
        }
        String[] arguments = properties.toArray(String[]::new);
        if (options.containsKey("generate")) {
            // generated in a context of its own, then made ready to read as the generator command leaves it
            try (ConfigurableApplicationContext context = application(postgres).run(arguments)) {
                generate(context, Integer.parseInt(options.get("generate")), years, postgres);
            }
            if (GeneratedDatabase.isCompactable(url)) {
                long millis = GeneratedDatabase.compact(url, options.getOrDefault("db-user", "sa"),
                        options.getOrDefault("db-password", ""));
                System.out.printf(Locale.ROOT, "compacted the database file in %d ms%n", millis);
            }
        }
        int code;
        try (ConfigurableApplicationContext context = application(postgres).run(arguments)) {
            code = run(context, options, postgres ? "postgres" : measured.equals(url) ? "h2" : "h2 (result reuse off)");
        }
        System.exit(code);
    }

    private static SpringApplicationBuilder application(boolean postgres) {
        return new SpringApplicationBuilder(CareRelayApplication.class).web(WebApplicationType.SERVLET)
                .profiles(postgres ? new String[] {"demo", "postgres"} : new String[] {"demo"});
    }

    private static void generate(ConfigurableApplicationContext context, int count, int years, boolean postgres) {
        ReferralGenerator.Result result = context.getBean(ReferralGenerator.class).generate(count,
                Duration.ofDays(365L * years), 20261127L);
        System.out.printf(Locale.ROOT, "generated %d referrals in %d ms%n", result.referralIds().size(),
                result.millis());
        if (postgres) {
            GeneratedDatabase.analyse(context.getBean(JdbcClient.class));
        }
    }

    private static int run(ConfigurableApplicationContext context, Map<String, String> options, String db) {
        int repetitions = Integer.parseInt(options.getOrDefault("repetitions", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        int periodDays = Integer.parseInt(options.getOrDefault("period-days", "84"));
        UserDirectory users = context.getBean(UserDirectory.class);
        Worklists worklists = context.getBean(Worklists.class);
        ReferralService referrals = context.getBean(ReferralService.class);
        Dashboards dashboards = context.getBean(Dashboards.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);

        CareRelayUser coordinator = users.find(options.getOrDefault("coordinator", "coord.wong")).orElseThrow();
        CareRelayUser manager = users.find(options.getOrDefault("manager", "manager.tsang")).orElseThrow();
        long total = jdbc.sql("SELECT COUNT(*) FROM referral").query(Long.class).single();
        long received = jdbc.sql("SELECT COUNT(*) FROM referral WHERE receiving_institution = ?")
                .param(coordinator.institution()).query(Long.class).single();
        List<String> terminal = Arrays.stream(ReferralStatus.values()).filter(ReferralStatus::isTerminal)
                .map(Enum::name).toList();
        long open = jdbc.sql("SELECT COUNT(*) FROM referral WHERE receiving_institution = :institution"
                        + " AND status NOT IN (:terminal)")
                .param("institution", coordinator.institution()).param("terminal", terminal)
                .query(Long.class).single();
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, load average %.2f; database %s: %d referrals,"
                + " %d received by %s, %d of them open%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), db, total,
                received, coordinator.institution(), open);
        System.out.printf(Locale.ROOT, "%d warm-up and %d measured calls per operation%n%n", warmup, repetitions);

        Map<String, Supplier<?>> operations = new LinkedHashMap<>();
        for (CareRelayUser user : List.of(coordinator, manager)) {
            String who = user.username();
            operations.put(who + " worklist counts", () -> worklists.counts(user, WorklistFilter.ORGANISATION));
            for (Worklist list : Worklist.values()) {
                operations.put(who + " worklist " + list.path() + " page 1",
                        () -> worklists.page(user, list, WorklistFilter.ORGANISATION, 0, 50));
            }
            operations.put(who + " referral list page 1", () -> referrals.list(user, null, 0, 20));
        }
        String to = java.time.LocalDate.now(hk.carerelay.shared.HongKongTime.ZONE).toString();
        String from = java.time.LocalDate.now(hk.carerelay.shared.HongKongTime.ZONE).minusDays(periodDays - 1L)
                .toString();
        DashboardQuery period = dashboards.query(manager, from, to, null, null);
        operations.put(manager.username() + " dashboard " + periodDays + " days",
                () -> dashboards.figures(manager, period));
        DashboardQuery year = dashboards.query(manager, java.time.LocalDate.parse(to).minusDays(365).toString(), to,
                null, null);
        operations.put(manager.username() + " dashboard 366 days", () -> dashboards.figures(manager, year));

        String only = options.get("only");
        operations.keySet().removeIf(name -> only != null && !name.contains(only));
        // every operation is warmed up before any is measured: the first one measured would otherwise also pay for
        // the code the others share still being compiled
        for (Supplier<?> operation : operations.values()) {
            for (int i = 0; i < warmup; i++) {
                operation.get();
            }
        }
        System.out.printf(Locale.ROOT, "%-52s %8s %8s %8s%n", "operation", "p50 ms", "p95 ms", "max ms");
        for (Map.Entry<String, Supplier<?>> operation : operations.entrySet()) {
            for (int i = 0; i < warmup / 10; i++) {
                operation.getValue().get();
            }
            double[] millis = new double[repetitions];
            for (int i = 0; i < repetitions; i++) {
                long started = System.nanoTime();
                operation.getValue().get();
                millis[i] = (System.nanoTime() - started) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "%-52s %8.2f %8.2f %8.1f%n", operation.getKey(), rank(millis, 0.5),
                    rank(millis, 0.95), millis[millis.length - 1]);
        }
        return 0;
    }

    /** The nearest-rank percentile of sorted values. */
    static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
