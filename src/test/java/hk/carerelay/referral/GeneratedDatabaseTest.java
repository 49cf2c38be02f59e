package hk.carerelay.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator does to a database it has filled: an H2 file loses its dead chunks and keeps every row. */
class GeneratedDatabaseTest {

    @TempDir
    Path directory;

    @Test
    void compactingAnH2FileAfterBulkWritesShrinksItAndKeepsTheRows() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("bulk") + ";RETENTION_TIME=0";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id INT PRIMARY KEY, text VARCHAR(400))");
            // batches rewritten again and again, as the generator's per-batch updates do
            try (PreparedStatement insert = connection.prepareStatement("MERGE INTO item VALUES (?, ?)")) {
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 5_000; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "round " + round + " " + "x".repeat(300));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        }
        Path file = directory.resolve("bulk.mv.db");
        long before = Files.size(file);

        GeneratedDatabase.compact(url, "sa", "");

        long after = Files.size(file);
        assertThat(after).as("file size after compaction, was %d", before).isLessThan(before / 2);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*), MIN(text) FROM item")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(5_000);
            assertThat(rows.getString(2)).startsWith("round 19 ");
        }
    }

    @Test
    void onlyAnH2FileIsCompacted() {
        assertThat(GeneratedDatabase.isH2File("jdbc:h2:file:./data/carerelay;QUERY_CACHE_SIZE=256")).isTrue();
        assertThat(GeneratedDatabase.isH2File("jdbc:h2:mem:carerelay")).isFalse();
        assertThat(GeneratedDatabase.isH2File("jdbc:postgresql://127.0.0.1:5432/carerelay")).isFalse();
        assertThat(GeneratedDatabase.isPostgres("jdbc:postgresql://127.0.0.1:5432/carerelay")).isTrue();
        assertThatThrownBy(() -> GeneratedDatabase.compact("jdbc:h2:mem:x", "sa", ""))
                .isInstanceOf(IllegalArgumentException.class);
        // another process may share a file in automatic mixed mode: compacting would shut it down under that process
        assertThat(GeneratedDatabase.isCompactable("jdbc:h2:file:./data/carerelay;AUTO_SERVER=TRUE")).isFalse();
        assertThat(GeneratedDatabase.isCompactable("jdbc:h2:file:./data/carerelay;QUERY_CACHE_SIZE=256")).isTrue();
        assertThatThrownBy(() -> GeneratedDatabase.compact("jdbc:h2:file:./none;AUTO_SERVER=TRUE", "sa", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
