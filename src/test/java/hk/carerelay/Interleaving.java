package hk.carerelay;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forces one interleaving of two requests on the same record, for tests of what happens when they come at the same
 * moment: the first runs in a transaction that stays open after its work until the second, started on another thread
 * once the first's work is done, has ended or waits (H2's session table, PostgreSQL's {@code pg_blocking_pids});
 * only then does the first commit. Without a lock between them the second ends without
 * seeing the first.
 */
public final class Interleaving {

    /** What each of the two returned. */
    public record Both<A, B>(A first, B second) {
    }

    private Interleaving() {
    }

    /**
     * Runs {@code first} in a transaction held open as described, and {@code second} meanwhile. {@code waitingAt} is
     * the start of the statement at which the second would wait for the first (a lock, a new key), with {@code ?} for
     * its parameters: H2 shows a waiting statement as executing. PostgreSQL names the session blocking it, so there
     * the second is seen waiting for the first's session at whatever statement.
     */
    public static <A, B> Both<A, B> secondWhileFirstOpen(PlatformTransactionManager transactions,
            DataSource dataSource, Supplier<A> first, Callable<B> second, String waitingAt) throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        AtomicReference<Future<B>> secondRun = new AtomicReference<>();
        ExecutorService one = Executors.newSingleThreadExecutor();
        ExecutorService two = Executors.newSingleThreadExecutor();
        try {
            Future<A> firstRun = one.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                A result = first.get();
                Waiting waiting = Waiting.forSessionOf(dataSource, waitingAt);
                firstDone.countDown();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < until && !endedOrWaiting(waiting, secondRun.get())) {
                    pause();
                }
                return result;
            }));
            if (!firstDone.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first request did not get through its work");
            }
            secondRun.set(two.submit(second));
            A a = firstRun.get(60, TimeUnit.SECONDS);
            return new Both<>(a, secondRun.get().get(60, TimeUnit.SECONDS));
        } finally {
            one.shutdownNow();
            two.shutdownNow();
        }
    }

    private static boolean endedOrWaiting(Waiting waiting, Future<?> second) {
        return second != null && (second.isDone() || waiting.now());
    }

    /** Whether the second waits: the database's own view of its sessions, H2's or PostgreSQL's. */
    private record Waiting(JdbcClient jdbc, String query, Object argument) {

        /** Read from inside the first's transaction, whose session PostgreSQL names as the one blocking the second. */
        static Waiting forSessionOf(DataSource dataSource, String waitingAt) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            if (product(dataSource).startsWith("PostgreSQL")) {
                return new Waiting(jdbc, "SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))",
                        jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single());
            }
            return new Waiting(jdbc, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE ?",
                    waitingAt.replace("?", "%") + "%");
        }

        private static String product(DataSource dataSource) {
            try {
                return JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getDatabaseProductName());
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean now() {
            return jdbc.sql(query).param(argument).query(Long.class).single() > 0;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
