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
 * to a JDBC batch counts once), the round trips to the database (a batch is one) and the commits. Only used with
 * {@code --sql-stats}, so the throughput figures are taken without it.
 */
final class SqlCounter {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    private final Map<String, LongAdder> statements = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> roundTrips = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> commits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> texts = new ConcurrentHashMap<>();

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) -> {
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

    /** The most frequent statements, as "phase | count | sql". */
    List<String> top(int limit, int instances) {
        return texts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .limit(limit)
                .map(e -> String.format("%6.2f  %s", e.getValue().sum() / (double) instances, e.getKey()))
                .toList();
    }

    private static long sum(Map<String, LongAdder> map, String phase) {
        LongAdder n = map.get(phase);
        return n == null ? 0 : n.sum();
    }

    private void count(Map<String, LongAdder> map, String phase) {
        map.computeIfAbsent(phase, k -> new LongAdder()).increment();
    }

    private void statement(String sql) {
        String phase = Phases.current();
        count(statements, phase);
        if (sql != null) {
            String text = sql.replaceAll("\\s+", " ").strip();
            count(texts, phase + " | " + (text.length() > 150 ? text.substring(0, 150) + "…" : text));
        }
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args, result) -> {
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
        return (method, args, result) -> {
            String name = method.getName();
            if (EXECUTE.contains(name)) {
                statement(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql);
                count(roundTrips, Phases.current());
            } else if ("addBatch".equals(name)) {
                statement(args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql);
            } else if ("executeBatch".equals(name) || "executeLargeBatch".equals(name)) {
                count(roundTrips, Phases.current());
            }
            return result;
        };
    }

    @FunctionalInterface
    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            if ("unwrap".equals(method.getName()) || "isWrapperFor".equals(method.getName())) {
                return invoke(method, target, args);
            }
            return after.apply(method, args, invoke(method, target, args));
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
