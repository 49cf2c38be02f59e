package hk.carerelay.bench;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import hk.carerelay.CareRelayApplication;
import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.audit.AuditSealer;
import hk.carerelay.audit.AuditVerifier;
import hk.carerelay.identity.CareRelayUser;
import hk.carerelay.identity.Role;

/**
 * Audit log benchmark (not a test): appends per second through {@link AuditLog} (one transaction per entry, as an
 * action writes it) with several client threads, sealing speed, and verification of a log of N entries, against the
 * raw SHA-256 rate of the same machine as the baseline.
 *
 * <p>Arguments: {@code h2|postgres [appends] [threads] [verifyEntries]}. PostgreSQL comes from CARERELAY_DB_URL,
 * CARERELAY_DB_USER and CARERELAY_DB_PASSWORD and should be an empty, throwaway database.
 */
public final class AuditLogBench {

    private AuditLogBench() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int verifyEntries = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;

        List<String> properties = new ArrayList<>(List.of(
                "--carerelay.audit.seal-interval=PT24H",
                "--camunda.bpm.job-execution.enabled=false",
                "--carerelay.crypto.keystore-path=" + System.getProperty("java.io.tmpdir") + "/carerelay-bench-"
                        + System.nanoTime() + ".p12",
                "--logging.level.root=WARN",
                "--vaadin.productionMode=true",
                "--spring.datasource.hikari.maximum-pool-size=" + (threads + 2)));
        SpringApplicationBuilder app = new SpringApplicationBuilder(CareRelayApplication.class)
                .web(WebApplicationType.SERVLET);
        if ("postgres".equals(db)) {
            app.profiles("demo", "postgres");
        } else {
            app.profiles("demo");
            // a file database, as the default configuration uses: a million rows in memory would measure the heap
            properties.add("--spring.datasource.url=jdbc:h2:file:" + System.getProperty("java.io.tmpdir")
                    + "/carerelay-audit-bench-" + System.nanoTime());
        }
        properties.add("--server.port=0");
        try (ConfigurableApplicationContext context = app.run(properties.toArray(String[]::new))) {
            run(context, db, appends, threads, verifyEntries);
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, String db, int appends, int threads,
            int verifyEntries) throws Exception {
        AuditLog audit = context.getBean(AuditLog.class);
        AuditSealer sealer = context.getBean(AuditSealer.class);
        AuditVerifier verifier = context.getBean(AuditVerifier.class);
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        CareRelayUser user = new CareRelayUser("bench.user", "Bench User", Role.COORDINATOR, "HSC", null);

        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, database %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), db);
        sealer.sealAll(true);

        // Baseline: SHA-256 over entry-sized inputs, single thread.
        byte[] sample = new byte[260];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int hashes = 2_000_000;
        long started = System.nanoTime();
        for (int i = 0; i < hashes; i++) {
            sample[0] = (byte) i;
            sha.update((byte) 0);
            sample[1] = sha.digest(sample)[0];
        }
        double hashRate = hashes / seconds(started);
        System.out.printf(Locale.ROOT, "baseline sha256 (260-byte entries): %.0f hashes/s%n", hashRate);

        // Appends: warm-up, then measured; each entry its own transaction, as an action writes it.
        appendConcurrently(audit, tx, user, Math.min(5_000, appends), threads);
        started = System.nanoTime();
        appendConcurrently(audit, tx, user, appends, threads);
        double appendRate = appends / seconds(started);
        System.out.printf(Locale.ROOT, "appends: %d entries, %d threads: %.0f appends/s%n", appends, threads,
                appendRate);

        started = System.nanoTime();
        long sealed = sealer.sealAll(true);
        System.out.printf(Locale.ROOT, "sealing: %d entries: %.0f entries/s%n", sealed, sealed / seconds(started));

        // Verification of a large log: fill with batched inserts (fast), seal, then verify the whole log.
        long existing = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Long.class);
        long toAdd = Math.max(0, verifyEntries - existing);
        started = System.nanoTime();
        fill(jdbc, toAdd);
        System.out.printf(Locale.ROOT, "filled %d entries in %.1f s%n", toAdd, seconds(started));
        if ("postgres".equals(db)) {
            // A table that grew by a million rows in seconds has statistics from when it was empty; in service,
            // autovacuum keeps them current as the log grows.
            jdbc.execute("ANALYZE audit_event");
        }
        started = System.nanoTime();
        sealed = sealer.sealAll(true);
        System.out.printf(Locale.ROOT, "sealing: %d entries: %.0f entries/s%n", sealed, sealed / seconds(started));
        for (int round = 1; round <= 2; round++) {
            AuditVerifier.Result result = verifier.verify();
            System.out.printf(Locale.ROOT, "verify round %d: %d entries, %d checkpoints, valid=%s in %.2f s%n", round,
                    result.entriesChecked(), result.checkpointsChecked(), result.valid(),
                    result.elapsedMillis() / 1000.0);
        }
    }

    private static void appendConcurrently(AuditLog audit, TransactionTemplate tx, CareRelayUser user, int total,
            int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        int each = total / threads;
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    tx.executeWithoutResult(s -> audit.write(user, AuditLog.Event.of(AuditAction.VIEW)
                            .on("Referral", "bench").detail("bench append")));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static void fill(JdbcTemplate jdbc, long count) {
        Instant base = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MICROS);
        int batch = 5_000;
        for (long done = 0; done < count; done += batch) {
            int size = (int) Math.min(batch, count - done);
            List<Object[]> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                long n = done + i;
                rows.add(new Object[] {base.plusMillis(n).atOffset(ZoneOffset.UTC), "user" + (n % 50), "SPECIALIST",
                        "HSC", "10.0.0." + (n % 200), "Mozilla/5.0", n % 3 == 0 ? "SEARCH" : "VIEW", "Referral",
                        "ref-" + (n % 10_000), "patient-" + (n % 5_000), "ref-" + (n % 10_000), "SUCCESS",
                        "generated entry " + n});
            }
            jdbc.batchUpdate("""
                    INSERT INTO audit_event (occurred_at, username, role, institution, client_ip, user_agent, action,
                                             object_type, object_id, patient_id, referral_id, outcome, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
