package hk.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class SharedWorkTest {

    @Test
    void runsEveryTaskOnceOnTwoThreadsAndReturnsWhenAllHaveRun() {
        AtomicIntegerArray runs = new AtomicIntegerArray(200);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int at = i;
            tasks.add(() -> {
                sleep(2);
                threads.add(Thread.currentThread());
                runs.incrementAndGet(at);
            });
        }

        SharedWork.run(() -> { }, tasks, true);

        for (int i = 0; i < 200; i++) {
            assertThat(runs.get(i)).as("task " + i).isEqualTo(1);
        }
        assertThat(threads).as("the calling thread and the pool's task").hasSize(2);
    }

    @Test
    void aBusyPoolIsNotWaitedFor() throws Exception {
        // every thread of the common pool held up: the calling thread must do all the work itself
        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(parallelism);
        for (int i = 0; i < parallelism; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                held.countDown();
                await(release);
            });
        }
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            SharedWork.run(() -> { }, List.of(() -> threads.add(Thread.currentThread()),
                    () -> threads.add(Thread.currentThread())), true);
            assertThat(threads).containsExactly(Thread.currentThread());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailureOnEitherThreadIsThrownOnceEveryTakenTaskHasEnded() {
        for (int round = 0; round < 20; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            List<Runnable> tasks = List.of(() -> runs.incrementAndGet(0), () -> {
                runs.incrementAndGet(1);
                throw new IllegalStateException("broken");
            }, () -> {
                sleep(5);
                runs.incrementAndGet(2);
            }, () -> runs.incrementAndGet(3));
            assertThatThrownBy(() -> SharedWork.run(() -> { }, tasks, true)).hasMessage("broken");
            assertThat(runs.get(0) + runs.get(1) + runs.get(2) + runs.get(3)).isEqualTo(4);
        }
        assertThatThrownBy(() -> SharedWork.run(() -> { }, List.of(() -> { }, () -> {
            throw new StackOverflowError();
        }), true)).isInstanceOf(StackOverflowError.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
