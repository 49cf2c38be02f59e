package hk.carerelay.shared;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Independent tasks run on two cores where the machine has them: the calling thread and one task of the common pool
 * take them in turn, in their order. The calling thread never waits for the pool's task to start; whatever that task
 * has not taken, the calling thread runs itself, so a busy pool only means one thread does it all. Used where one
 * request's work can be split (finding personal data in a long text, typesetting a long redacted copy).
 */
public final class SharedWork {

    /**
     * From this many characters on, a text's work (finding personal data, typesetting a redacted copy) is shared:
     * below it, handing half to another thread saves less than it costs.
     */
    public static final int TEXT_WORTH_SHARING = 16 * 1024;

    private SharedWork() {
    }

    /** As {@link #run(Runnable, List, boolean)} with nothing to do first. */
    public static void run(List<? extends Runnable> tasks, boolean twoThreads) {
        run(() -> { }, tasks, twoThreads);
    }

    /**
     * Runs {@code first} on the calling thread, then every task once, and returns when all have run. With
     * {@code twoThreads} false, or a single task, everything runs on the calling thread. A task may wait for what
     * {@code first} makes (through a future it completes): the pool's task may have started before it is done. The
     * first failure of a task, unchecked exception or error, is thrown once every task taken has ended.
     */
    public static void run(Runnable first, List<? extends Runnable> tasks, boolean twoThreads) {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable take = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                try {
                    tasks.get(i).run();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        if (twoThreads && tasks.size() > 1) {
            ForkJoinPool.commonPool().execute(take);
        }
        first.run();
        take.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other thread's share", e);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }
}
