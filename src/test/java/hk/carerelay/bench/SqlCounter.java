package hk.carerelay.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

/**
 * Wraps the application's DataSource and counts, per workload phase, the SQL statements executed (a statement added
 * to a JDBC batch counts once), the round trips to the database (a batch is one) and the commits, and sums the time
 * each statement's executions took in the driver (on in-memory H2, the database's own work). Only used with
 * {@code --sql-stats}, so the throughput figures are taken without it.
 */
final class SqlCounter {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    private final Map<String, LongAdder> statements = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> roundTrips = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> commits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> texts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result, elapsed) -> {
            if (result instanceof Connection c) {
                return connection(c);
            }
            return result;
        });
    }

    void reset() {
        statements.clear();
        roundTrips.clear();
        commits.clear();
        texts.clear();
        nanos.clear();
    }

    long statements(String phase) {
        return sum(statements, phase);
    }

    long roundTrips(String phase) {
        return sum(roundTrips, phase);
    }

    long commits(String phase) {
        return sum(commits, phase);
    }

    /**
     * The most frequent statements, as "count | ms | phase | sql", both per instance: how often the statement ran
     * (once per row of a batch) and how long its executions took in the driver, a batch's time given to its statement.
     */
    List<String> top(int limit, int instances) {
        return texts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .limit(limit)
                .map(e -> String.format("%6.2f  %7.3f ms  %s", e.getValue().sum() / (double) instances,
                        nanos.getOrDefault(e.getKey(), new LongAdder()).sum() / 1e6 / instances, e.getKey()))
                .toList();
    }

    /** The statements that took the most time, in the same form as {@link #top}. */
    List<String> slowest(int limit, int instances) {
        return nanos.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .limit(limit)
                .map(e -> String.format("%6.2f  %7.3f ms  %s",
                        texts.getOrDefault(e.getKey(), new LongAdder()).sum() / (double) instances,
                        e.getValue().sum() / 1e6 / instances, e.getKey()))
                .toList();
    }

    private static long sum(Map<String, LongAdder> map, String phase) {
        LongAdder n = map.get(phase);
        return n == null ? 0 : n.sum();
    }

    private void count(Map<String, LongAdder> map, String phase) {
        map.computeIfAbsent(phase, k -> new LongAdder()).increment();
    }

    private static String key(String sql) {
        String text = sql == null ? "(unknown)" : sql.replaceAll("\\s+", " ").strip();
        return Phases.current() + " | " + (text.length() > 150 ? text.substring(0, 150) + "…" : text);
    }

    private void statement(String sql) {
        count(statements, Phases.current());
        if (sql != null) {
            count(texts, key(sql));
        }
    }

    private void time(String sql, long elapsed) {
        nanos.computeIfAbsent(key(sql), k -> new LongAdder()).add(elapsed);
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args, result, elapsed) -> {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    return preparedStatement((PreparedStatement) result, (String) args[0]);
                }
                case "prepareCall" -> {
                    return proxy(CallableStatement.class, (CallableStatement) result, statementHandler((String) args[0]));
                }
                case "createStatement" -> {
                    return proxy(Statement.class, (Statement) result, statementHandler(null));
                }
                case "commit" -> count(commits, Phases.current());
                default -> {
                }
            }
            return result;
        });
    }

    private PreparedStatement preparedStatement(PreparedStatement target, String sql) {
        return proxy(PreparedStatement.class, target, statementHandler(sql));
    }

    private After statementHandler(String preparedSql) {
        return (method, args, result, elapsed) -> {
            String name = method.getName();
            if (EXECUTE.contains(name)) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                statement(sql);
                time(sql, elapsed);
                count(roundTrips, Phases.current());
            } else if ("addBatch".equals(name)) {
                statement(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql);
            } else if ("executeBatch".equals(name) || "executeLargeBatch".equals(name)) {
                time(preparedSql, elapsed);
                count(roundTrips, Phases.current());
            }
            return result;
        };
    }

    @FunctionalInterface
    private interface After {
        /** Called after the call returned, with its result and how long it took. */
        Object apply(Method method, Object[] args, Object result, long elapsedNanos) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            if ("unwrap".equals(method.getName()) || "isWrapperFor".equals(method.getName())) {
                return invoke(method, target, args);
            }
            long started = System.nanoTime();
            Object result = invoke(method, target, args);
            return after.apply(method, args, result, System.nanoTime() - started);
        };
        return (T) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
