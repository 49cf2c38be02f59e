package hk.carerelay.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@link ReferralThroughputBench}; every option has a default, see {@link #USAGE}. */
record BenchOptions(String db, int instances, int minSeconds, int warmup, int warmupSeconds, List<Integer> threads,
        int rounds, List<String> workloads, boolean sqlStats, String find, String consent, int patients,
        boolean analyze) {

    static final String USAGE = """
            options (all optional):
              --db=h2|postgres        h2: in-memory H2 (default); postgres: profile 'postgres' with CARERELAY_DB_URL,
                                      CARERELAY_DB_USER, CARERELAY_DB_PASSWORD (environment or -D); the database must be
                                      empty (the bench writes thousands of synthetic referrals)
              --instances=N           at least N instances per measured run, for every workload (default 300)
              --min-seconds=S         a measured run goes on until it has also lasted S seconds (default 10)
              --warmup=N              warm-up per workload before measuring, at the largest thread count: at least
                                      N instances (default 200) ...
              --warmup-seconds=S      ... and at least S seconds (default 20); --warmup=0 skips it
              --threads=2,4           client thread counts to measure (default 2,4)
              --rounds=R              how often the whole set of runs is repeated (default 1)
              --workloads=LIST        any of bare4,bare5,referral,model (default the first three)
              --find=case|inbox       how the referral's user finds a task: the case's open tasks (openTasksOfCase,
                                      default) or the user's whole task list (tasksFor)
              --consent=standing|referral
                                      standing (default): the referral's patients come from a pool that each gave a
                                      standing consent to HSC once, before any run (as a clinic's regular patients
                                      do); referral: every referral gets its own consent recorded in the run (PDF
                                      rendering and Ed25519 signing counted in the referral's time)
              --patients=N            size of that pool of patients (default 500)
              --sql-stats             count JDBC statements per phase (adds a little overhead; off by default)
              --no-analyze            do not gather table statistics after the warm-up (by default the bench runs
                                      ANALYZE then, as a running database would have gathered them)
            """;

    static BenchOptions parse(String[] args) {
        String db = "h2";
        int instances = 300;
        int minSeconds = 10;
        int warmup = 200;
        int warmupSeconds = 20;
        List<Integer> threads = List.of(2, 4);
        int rounds = 1;
        List<String> workloads = List.of("bare4", "bare5", "referral");
        boolean sqlStats = false;
        String find = "case";
        String consent = "standing";
        int patients = 500;
        boolean analyze = true;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "--db" -> db = oneOf(value, "h2", "postgres");
                case "--instances" -> instances = positive(kv[0], value);
                case "--min-seconds" -> minSeconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(value);
                case "--threads" -> threads = Arrays.stream(value.split(",")).map(s -> positive(kv[0], s)).toList();
                case "--rounds" -> rounds = positive(kv[0], value);
                case "--workloads" -> {
                    List<String> list = new ArrayList<>();
                    for (String w : value.split(",")) {
                        list.add(oneOf(w, "bare4", "bare5", "referral", "model"));
                    }
                    workloads = List.copyOf(list);
                }
                case "--find" -> find = oneOf(value, "case", "inbox");
                case "--consent" -> consent = oneOf(value, "standing", "referral");
                case "--patients" -> patients = positive(kv[0], value);
                case "--sql-stats" -> sqlStats = true;
                case "--no-analyze" -> analyze = false;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        return new BenchOptions(db, instances, minSeconds, warmup, warmupSeconds, threads, rounds, workloads, sqlStats,
                find, consent, patients, analyze);
    }

    private static String oneOf(String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException(value + " is not one of " + Arrays.toString(allowed));
        }
        return value;
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value.strip());
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }
}
