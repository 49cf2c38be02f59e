package hk.carerelay.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Time spent in each phase of a workload (submit or start, find, claim, complete), summed over the client threads,
 * and the name of the phase the current thread is in, so that {@link SqlCounter} can attribute statements.
 */
final class Phases {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    static String current() {
        String phase = CURRENT.get();
        return phase == null ? "other" : phase;
    }

    <T> T time(String phase, Supplier<T> action) {
        CURRENT.set(phase);
        long start = System.nanoTime();
        try {
            return action.get();
        } finally {
            nanos.computeIfAbsent(phase, k -> new LongAdder()).add(System.nanoTime() - start);
            calls.computeIfAbsent(phase, k -> new LongAdder()).increment();
            CURRENT.remove();
        }
    }

    void time(String phase, Runnable action) {
        time(phase, () -> {
            action.run();
            return null;
        });
    }

    /** Milliseconds of client-thread time per instance, by phase, in the order the phases were first seen. */
    Map<String, Double> millisPerInstance(int instances) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String phase : new String[] {"submit", "start", "find", "claim", "complete"}) {
            LongAdder n = nanos.get(phase);
            if (n != null) {
                result.put(phase, n.sum() / 1e6 / instances);
            }
        }
        return result;
    }

    long calls(String phase) {
        LongAdder n = calls.get(phase);
        return n == null ? 0 : n.sum();
    }
}
