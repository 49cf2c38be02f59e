package hk.carerelay.referral;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes a database that the data generator has just filled ready to be read, the way a user will read it afterwards
 * (docs/performance.md, "Compacted files, H2's result reuse off"):
 * <ul>
 * <li>PostgreSQL: {@link #analyse} takes the statistics at once. Autovacuum had not analysed the new rows by the end
 * of a 100,000-referral run, and until it does the planner works from default estimates.</li>
 * <li>H2: {@link #compact} rewrites the file once the application has closed it. Bulk writes leave most of an H2
 * file's chunks dead (a 100,000-referral file was 8.4 GB, 168 MB compacted); the database then compacts in the
 * background for minutes, and every read waits for it now and then.</li>
 * </ul>
 */
public final class GeneratedDatabase {

    private GeneratedDatabase() {
    }

    /** True for a PostgreSQL URL. */
    public static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    /** True for an H2 database kept in a file (not in memory). */
    public static boolean isH2File(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    /**
     * True for an H2 file that only this process opens, the one kind {@link #compact} applies to: in automatic mixed
     * mode ({@code AUTO_SERVER=TRUE}) another process may be using it, and compacting shuts the database down.
     */
    public static boolean isCompactable(String url) {
        return isH2File(url) && !url.toUpperCase(java.util.Locale.ROOT).replace(" ", "").contains("AUTO_SERVER=TRUE");
    }

    /** PostgreSQL only, while the application runs: fresh planner statistics for every table. */
    public static void analyse(JdbcClient jdbc) {
        jdbc.sql("ANALYZE").update();
    }

    /**
     * H2 file only, after the application has closed its connections: opens the database alone, rewrites its file
     * without the dead chunks and closes it. Returns the milliseconds it took.
     */
    public static long compact(String url, String username, String password) throws SQLException {
        if (!isCompactable(url)) {
            throw new IllegalArgumentException("Only an H2 database in a file that no other process shares can be "
                    + "compacted: " + url);
        }
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
