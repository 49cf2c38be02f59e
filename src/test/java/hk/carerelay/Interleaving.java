package hk.carerelay;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forces one interleaving of two requests on the same record, for tests of what happens when they come at the same
 * moment: the first runs in a transaction that stays open after its work until the second, started on another thread
 * once the first's work is done, has ended or is executing the statement it would wait at (read from H2's session
 * table); only then does the first commit. Without a lock between them the second ends without seeing the first.
 */
public final class Interleaving {

    /** What each of the two returned. */
    public record Both<A, B>(A first, B second) {
    }

    private Interleaving() {
    }

    /**
     * Runs {@code first} in a transaction held open as described, and {@code second} meanwhile; {@code waitingAt} is
     * the start of the statement at which the second would wait for the first (a lock, a new key).
     */
    public static <A, B> Both<A, B> secondWhileFirstOpen(PlatformTransactionManager transactions, JdbcClient jdbc,
            Supplier<A> first, Callable<B> second, String waitingAt) throws Exception {
        CountDownLatch firstDone = new CountDownLatch(1);
        AtomicReference<Future<B>> secondRun = new AtomicReference<>();
        ExecutorService one = Executors.newSingleThreadExecutor();
        ExecutorService two = Executors.newSingleThreadExecutor();
        try {
            Future<A> firstRun = one.submit(() -> new TransactionTemplate(transactions).execute(status -> {
                A result = first.get();
                firstDone.countDown();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < until && !endedOrWaiting(jdbc, secondRun.get(), waitingAt)) {
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

    private static boolean endedOrWaiting(JdbcClient jdbc, Future<?> second, String waitingAt) {
        return second != null && (second.isDone() || jdbc.sql(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE ?")
                .param(waitingAt + "%").query(Long.class).single() > 0);
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
