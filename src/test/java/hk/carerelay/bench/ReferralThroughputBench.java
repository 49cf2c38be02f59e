package hk.carerelay.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import hk.carerelay.CareRelayApplication;
import hk.carerelay.consent.ConsentService;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.UserDirectory;
import hk.carerelay.patient.PatientRegistry;
import hk.carerelay.referral.ReferralService;
import hk.carerelay.workflow.WorkflowTasks;

/**
 * Throughput benchmark (not a test): full referrals driven through the application's services against a bare process
 * with the same number of user tasks, in the same JVM, on in-memory H2 or on PostgreSQL. Boots the real application
 * (demo profile, on a free port that nothing calls). How to run it and the results: docs/performance.md.
 */
public final class ReferralThroughputBench {

    private record Result(int round, int threads, String workload, int userTasks, int instances, double seconds,
            double cpuMillis, double loadAverage, Map<String, Double> millisPerPhase, Map<String, double[]> sqlPerPhase) {

        double rate() {
            return instances / seconds;
        }

        /** CPU time of the whole JVM (application, engine, H2 when in memory, GC) per instance. */
        double cpuPerInstance() {
            return cpuMillis / instances;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final BenchOptions options;
    private final SqlCounter sql;
    private final Map<String, AtomicInteger> sequences = new HashMap<>();

    private ReferralThroughputBench(BenchOptions options) {
        this.options = options;
        this.sql = options.sqlStats() ? new SqlCounter() : null;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        new ReferralThroughputBench(options).run();
        // Pool and engine threads are closed with the context; exit explicitly in case a library leaves one behind.
        System.exit(0);
    }

    private void run() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        // The security configuration needs Spring MVC, so the application runs as a web application on a free port;
        // the bench calls the services directly and sends no HTTP requests.
        properties.put("server.port", "0");
        // The application is built for production mode; say so, in case the build's token file is not on the classpath.
        properties.put("vaadin.productionMode", "true");
        properties.put("logging.level.org.springdoc", "ERROR");
        // The demo profile keeps its signing keystore under ./data; the bench's goes away with the run.
        Path keys = Files.createTempDirectory("carerelay-bench");
        keys.toFile().deleteOnExit();
        keys.resolve("keys.p12").toFile().deleteOnExit();
        properties.put("carerelay.crypto.keystore-path", keys.resolve("keys.p12").toString());
        // Timers of the referral process (the triage SLA) are days away; the job executor would only poll.
        properties.put("camunda.bpm.job-execution.enabled", "false");
        // the demo's users and institutions, not its synthetic year of history
        properties.put("carerelay.demo.history-referrals", "0");
        String[] profiles;
        if (options.db().equals("h2")) {
            properties.put("spring.datasource.url", "jdbc:h2:mem:carerelay-bench;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256");
            profiles = new String[] {"demo"};
        } else {
            requireEmptyDatabase();
            profiles = new String[] {"demo", "postgres"};
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CareRelayApplication.class)
                .web(WebApplicationType.SERVLET).profiles(profiles).logStartupInfo(false);
        if (sql != null) {
            builder.initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource ds && "dataSource".equals(name) ? sql.wrap(ds) : bean;
                }
            }));
        }
        long bootStart = System.nanoTime();
        // As command-line arguments, so that they win over application.yml (default properties would not).
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = builder.run(arguments)) {
            System.out.printf("Application started in %.1f s%n", (System.nanoTime() - bootStart) / 1e9);
            printEnvironment(context.getBean(DataSource.class));
            List<Workload> workloads = workloads(context);
            warmUp(workloads);
            if (options.analyze()) {
                gatherStatistics(context.getBean(DataSource.class));
            }
            List<Result> results = new ArrayList<>();
            for (int round = 1; round <= options.rounds(); round++) {
                for (int threads : options.threads()) {
                    for (Workload workload : workloads) {
                        results.add(measure(round, threads, workload, options.instances(), options.minSeconds()));
                    }
                }
            }
            report(results);
        }
    }

    private List<Workload> workloads(ConfigurableApplicationContext context) {
        UserDirectory users = context.getBean(UserDirectory.class);
        RepositoryService repository = context.getBean(RepositoryService.class);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TaskService taskService = context.getBean(TaskService.class);
        HistoryService history = context.getBean(HistoryService.class);
        List<Workload> workloads = new ArrayList<>();
        for (String name : options.workloads()) {
            workloads.add(switch (name) {
                case "bare4" -> new BareWorkload(4, repository, runtime, taskService, history);
                case "bare5" -> new BareWorkload(5, repository, runtime, taskService, history);
                case "model" -> new ModelWorkload(repository, runtime, taskService, history);
                case "referral" -> new ReferralWorkload(context.getBean(ReferralService.class),
                        context.getBean(ConsentService.class), context.getBean(PatientRegistry.class),
                        context.getBean(WorkflowTasks.class), user(users, "gp.chan"), user(users, "coord.wong"),
                        user(users, "dr.lee"), options.find().equals("inbox"),
                        options.consent().equals("standing") ? options.patients() : 0);
                default -> throw new IllegalArgumentException(name);
            });
        }
        return workloads;
    }

    private static CareRelayUser user(UserDirectory users, String username) {
        return users.find(username).orElseThrow(() -> new IllegalStateException("Demo user " + username + " is missing"));
    }

    /**
     * Both databases plan from table statistics, which a running database gathers itself once enough rows have
     * changed: PostgreSQL's autovacuum about a minute after the fact, H2 after 2,000 changed rows of a table, then
     * 4,000, 8,000 and so on. The bench's database is new, filled at start (the demo data, the patients' standing
     * consents) and measured within minutes, with statistics from an emptier database or none: the planners then read
     * a process's variables through the index on their task (null for all of them) instead of their execution, a scan
     * of every variable row, 0.25 ms a read on H2 and 0.45–0.9 ms on PostgreSQL. Gathering them after the warm-up, as a
     * running installation would have them, measures both workloads with the plans they would have there.
     */
    private static void gatherStatistics(DataSource dataSource) throws SQLException {
        long started = System.nanoTime();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        // H2 keeps each connection's prepared statements with the plans they were made with; new connections, as the
        // pool makes them on a running installation (every 30 minutes at most), plan with the statistics.
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        }
        System.out.printf("Table statistics gathered (ANALYZE) in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void warmUp(List<Workload> workloads) throws Exception {
        if (options.warmup() == 0) {
            return;
        }
        int threads = options.threads().stream().mapToInt(Integer::intValue).max().orElse(2);
        for (Workload workload : workloads) {
            measure(0, threads, workload, options.warmup(), options.warmupSeconds());
        }
    }

    /**
     * Drives at least {@code minInstances} instances, for at least {@code minSeconds}, with {@code threads} client
     * threads, and checks that every instance started has ended.
     */
    private Result measure(int round, int threads, Workload workload, int minInstances, int minSeconds)
            throws Exception {
        Phases phases = new Phases();
        if (sql != null) {
            sql.reset();
        }
        AtomicInteger sequence = sequences.computeIfAbsent(workload.name(), k -> new AtomicInteger());
        long finishedBefore = workload.finished();
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long minEnd = start + minSeconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (!failed.get() && (started.getAndIncrement() < minInstances || System.nanoTime() < minEnd)) {
                    try {
                        workload.run(sequence.getAndIncrement(), phases);
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (OS.getProcessCpuTime() - cpuStart) / 1e6;
        double load = OS.getSystemLoadAverage();
        // Each worker counted one start too many: the one that ended its loop.
        int instances = started.get() - threads;
        long ended = workload.finished() - finishedBefore;
        if (ended != instances) {
            throw new IllegalStateException(workload.name() + ": " + ended + " of " + instances + " instances ended");
        }
        Map<String, double[]> sqlPerPhase = new LinkedHashMap<>();
        if (sql != null) {
            for (String phase : phases.millisPerInstance(instances).keySet()) {
                sqlPerPhase.put(phase, new double[] {sql.statements(phase) / (double) instances,
                        sql.roundTrips(phase) / (double) instances, sql.commits(phase) / (double) instances});
            }
        }
        Result result = new Result(round, threads, workload.name(), workload.userTasks(), instances, seconds,
                cpuMillis, load, phases.millisPerInstance(instances), sqlPerPhase);
        System.out.printf("  %s %d threads, %-8s %5d instances in %6.1f s = %6.1f instances/s, JVM CPU %5.1f ms/instance,"
                + " load average %.1f%n", round == 0 ? "warm-up " : "round " + round + ",", threads, workload.name(),
                instances, seconds, result.rate(), result.cpuPerInstance(), load);
        if (sql != null && round > 0) {
            System.out.println("    statements per instance (count, driver time), by phase:");
            sql.top(100, instances).forEach(line -> System.out.println("    " + line));
            System.out.println("    the 25 statements that took the most driver time per instance:");
            sql.slowest(25, instances).forEach(line -> System.out.println("    " + line));
        }
        return result;
    }

    private void report(List<Result> results) {
        System.out.println();
        System.out.println("## Results (" + options.db() + ")");
        System.out.println();
        System.out.println("| round | threads | workload | user tasks | instances | seconds | instances/s | user tasks/s "
                + "| JVM CPU ms/instance | load average |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %d | %d | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", r.round(), r.threads(),
                    r.workload(), r.userTasks(), r.instances(), r.seconds(), r.rate(), r.rate() * r.userTasks(),
                    r.cpuPerInstance(), r.loadAverage());
        }
        System.out.println();
        System.out.println("| round | threads | referral/s | bare4/s | bare5/s | referral ÷ bare4 | referral ÷ bare5 |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<String, Result> byKey = results.stream()
                .collect(Collectors.toMap(r -> r.round() + "/" + r.threads() + "/" + r.workload(), r -> r));
        for (int round = 1; round <= options.rounds(); round++) {
            for (int threads : options.threads()) {
                Result referral = byKey.get(round + "/" + threads + "/referral");
                Result bare4 = byKey.get(round + "/" + threads + "/bare4");
                Result bare5 = byKey.get(round + "/" + threads + "/bare5");
                System.out.printf("| %d | %d | %s | %s | %s | %s | %s |%n", round, threads, rate(referral), rate(bare4),
                        rate(bare5), ratio(referral, bare4), ratio(referral, bare5));
            }
        }
        if (options.workloads().contains("model")) {
            System.out.println();
            System.out.println("The referral's model alone (engine only) against bare4, and the referral against it:");
            System.out.println();
            System.out.println("| round | threads | model/s | model ÷ bare4 | referral ÷ model |");
            System.out.println("|---|---|---|---|---|");
            for (int round = 1; round <= options.rounds(); round++) {
                for (int threads : options.threads()) {
                    Result model = byKey.get(round + "/" + threads + "/model");
                    System.out.printf("| %d | %d | %s | %s | %s |%n", round, threads, rate(model),
                            ratio(model, byKey.get(round + "/" + threads + "/bare4")),
                            ratio(byKey.get(round + "/" + threads + "/referral"), model));
                }
            }
        }
        if (options.rounds() > 1) {
            System.out.println();
            System.out.println("Medians over " + options.rounds()
                    + " rounds (ratio range: lowest and highest per-round ratio):");
            System.out.println();
            System.out.println("| threads | referral/s | bare4/s | bare5/s | referral ÷ bare4 | range | referral ÷ bare5 "
                    + "| range | JVM CPU ms/instance referral, bare4, bare5 |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int threads : options.threads()) {
                System.out.printf("| %d | %s | %s | %s | %s | %s | %s | %s | %s, %s, %s |%n", threads,
                        median(results, threads, "referral"), median(results, threads, "bare4"),
                        median(results, threads, "bare5"), medianRatio(results, threads, "bare4"),
                        ratioRange(byKey, threads, "bare4"), medianRatio(results, threads, "bare5"),
                        ratioRange(byKey, threads, "bare5"), medianCpu(results, threads, "referral"),
                        medianCpu(results, threads, "bare4"), medianCpu(results, threads, "bare5"));
            }
        }
        System.out.println();
        System.out.println("Client-thread milliseconds per instance, by phase"
                + (sql != null ? " (with JDBC statements / round trips / commits per instance)" : "") + ":");
        System.out.println();
        for (Result r : results) {
            String phases = r.millisPerPhase().entrySet().stream().map(e -> {
                double[] s = r.sqlPerPhase().get(e.getKey());
                return String.format("%s %.1f ms", e.getKey(), e.getValue())
                        + (s == null ? "" : String.format(" (%.1f / %.1f / %.1f)", s[0], s[1], s[2]));
            }).collect(Collectors.joining(", "));
            System.out.printf("- round %d, %d threads, %s: %s%n", r.round(), r.threads(), r.workload(), phases);
        }
    }

    private static Double medianRate(List<Result> results, int threads, String workload) {
        List<Double> rates = results.stream().filter(r -> r.threads() == threads && r.workload().equals(workload))
                .map(Result::rate).sorted().toList();
        if (rates.isEmpty()) {
            return null;
        }
        int n = rates.size();
        return n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2;
    }

    private static String medianCpu(List<Result> results, int threads, String workload) {
        List<Double> cpu = results.stream().filter(r -> r.threads() == threads && r.workload().equals(workload))
                .map(Result::cpuPerInstance).sorted().toList();
        return cpu.isEmpty() ? "–" : String.format("%.1f", cpu.get(cpu.size() / 2));
    }

    private static String median(List<Result> results, int threads, String workload) {
        Double rate = medianRate(results, threads, workload);
        return rate == null ? "–" : String.format("%.1f", rate);
    }

    private static String medianRatio(List<Result> results, int threads, String bare) {
        Double referral = medianRate(results, threads, "referral");
        Double ceiling = medianRate(results, threads, bare);
        return referral == null || ceiling == null ? "–" : String.format("%.2f", referral / ceiling);
    }

    private String ratioRange(Map<String, Result> byKey, int threads, String bare) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            Result referral = byKey.get(round + "/" + threads + "/referral");
            Result ceiling = byKey.get(round + "/" + threads + "/" + bare);
            if (referral != null && ceiling != null) {
                ratios.add(referral.rate() / ceiling.rate());
            }
        }
        return ratios.isEmpty() ? "–" : String.format("%.2f–%.2f", ratios.stream().min(Double::compare).get(),
                ratios.stream().max(Double::compare).get());
    }

    private static String rate(Result r) {
        return r == null ? "–" : String.format("%.1f", r.rate());
    }

    private static String ratio(Result referral, Result bare) {
        return referral == null || bare == null ? "–" : String.format("%.2f", referral.rate() / bare.rate());
    }

    private void printEnvironment(DataSource dataSource) throws SQLException {
        var os = ManagementFactory.getOperatingSystemMXBean();
        String memory = os instanceof com.sun.management.OperatingSystemMXBean sun
                ? String.format("%.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024)) : "?";
        String database;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            database = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        }
        System.out.println("# CareRelay referral throughput bench");
        System.out.println("date:      " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.println("machine:   " + Runtime.getRuntime().availableProcessors() + " cores, " + memory + " RAM, "
                + os.getName() + " " + os.getArch() + ", load average at start " + os.getSystemLoadAverage());
        System.out.println("java:      " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName())
                        .collect(Collectors.joining("/")));
        System.out.println("database:  " + database);
        System.out.println("options:   " + options);
        System.out.println();
    }

    /** The bench writes thousands of synthetic referrals: refuse a database that already holds CareRelay data. */
    private static void requireEmptyDatabase() throws SQLException {
        String url = setting("CARERELAY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/carerelay");
        try (Connection c = DriverManager.getConnection(url, setting("CARERELAY_DB_USER", "carerelay"),
                setting("CARERELAY_DB_PASSWORD", ""));
                ResultSet tables = c.getMetaData().getTables(null, null, "referral", new String[] {"TABLE"})) {
            if (tables.next()) {
                throw new IllegalStateException("Refusing to run: " + url + " already has CareRelay tables. "
                        + "Give the bench an empty, throwaway database.");
            }
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null ? fallback : value;
    }
}
