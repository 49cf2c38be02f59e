package hk.carerelay.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a database administrator with full rights could do behind CareRelay's back: switch off the audit tables'
 * append-only triggers, change rows, and switch them on again.
 */
class Dba {

    private static final List<String> TABLES = List.of("audit_event", "audit_seal", "audit_checkpoint");

    private final JdbcClient jdbc;
    private final boolean postgres;

    Dba(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isPostgres() {
        return postgres;
    }

    /** Runs the statements with the append-only triggers switched off, then switches them on again. */
    void behindTheApplicationsBack(String... statements) {
        for (String table : TABLES) {
            if (postgres) {
                jdbc.sql("ALTER TABLE " + table + " DISABLE TRIGGER USER").update();
            } else {
                jdbc.sql("DROP TRIGGER " + table + "_append_only").update();
            }
        }
        try {
            for (String statement : statements) {
                jdbc.sql(statement).update();
            }
        } finally {
            for (String table : TABLES) {
                if (postgres) {
                    jdbc.sql("ALTER TABLE " + table + " ENABLE TRIGGER USER").update();
                } else {
                    jdbc.sql("CREATE TRIGGER " + table + "_append_only BEFORE UPDATE, DELETE ON " + table
                            + " FOR EACH ROW CALL 'hk.carerelay.audit.AppendOnlyTrigger'").update();
                }
            }
        }
    }
}
