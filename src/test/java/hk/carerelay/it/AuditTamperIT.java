package hk.carerelay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import hk.carerelay.audit.AuditVerifier;

/**
 * The audit log against a database administrator: the tables refuse changes, and every edit, deletion, reordering or
 * truncation done with the triggers switched off is found by verification at the right entry.
 */
class AuditTamperIT extends ApiTestSupport {

    private static final List<String> TABLES = List.of("audit_event", "audit_seal", "audit_checkpoint");

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditVerifier verifier;

    private Dba dba;

    /** Three fresh, sealed entries (by seq) that the test may tamper with; the log is valid before it does. */
    private long[] entries;

    @BeforeEach
    void sealAFewEntriesAndKeepACopy() {
        dba = new Dba(dataSource);
        String manager = token("manager.tsang");
        get("/api/referrals?size=1", manager);
        get("/api/referrals?size=2", manager);
        get("/api/referrals?size=3", manager);
        AuditVerifier.Result before = verifier.sealAndVerify();
        assertThat(before.valid()).as(String.valueOf(before.firstFailure())).isTrue();
        List<Long> seqs = jdbc.sql("""
                SELECT s.seq FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
                WHERE e.username = 'manager.tsang' AND e.action = 'SEARCH' ORDER BY s.seq DESC FETCH FIRST 3 ROWS ONLY""")
                .query(Long.class).list();
        entries = new long[] {seqs.get(2), seqs.get(1), seqs.get(0)};
        for (String table : TABLES) {
            jdbc.sql("CREATE TABLE bak_" + table + " AS SELECT * FROM " + table).update();
        }
    }

    @AfterEach
    void restoreTheLog() {
        dba.behindTheApplicationsBack(
                "DELETE FROM audit_checkpoint", "DELETE FROM audit_seal", "DELETE FROM audit_event",
                "INSERT INTO audit_event SELECT * FROM bak_audit_event",
                "INSERT INTO audit_seal SELECT * FROM bak_audit_seal",
                "INSERT INTO audit_checkpoint SELECT * FROM bak_audit_checkpoint");
        for (String table : TABLES) {
            jdbc.sql("DROP TABLE bak_" + table).update();
        }
        assertThat(verifier.verify().valid()).as("log restored").isTrue();
    }

    private long eventOf(long seq) {
        return jdbc.sql("SELECT event_id FROM audit_seal WHERE seq = ?").param(seq).query(Long.class).single();
    }

    private AuditVerifier.Failure failure() {
        AuditVerifier.Result result = verifier.verify();
        assertThat(result.valid()).isFalse();
        return result.firstFailure();
    }

    @Test
    void theTablesRefuseChangesAndDeletions() {
        long event = eventOf(entries[0]);
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET detail = 'x' WHERE id = ?").param(event).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE id = ?").param(event).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_seal WHERE seq = ?").param(entries[0]).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_checkpoint SET signature = 'x'").update())
                .rootCause().hasMessageContaining("append-only");
        if (dba.isPostgres()) {
            assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update()).rootCause().hasMessageContaining("append-only");
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void anEditedRowIsFoundAtItsEntry() {
        long event = eventOf(entries[1]);
        dba.behindTheApplicationsBack("UPDATE audit_event SET username = 'someone.else' WHERE id = " + event);
        AuditVerifier.Failure failure = failure();
        assertThat(failure.seq()).isEqualTo(entries[1]);
        assertThat(failure.eventId()).isEqualTo(event);
        assertThat(failure.reason()).contains("changed");
    }

    @Test
    void aDeletedRowIsFoundAtItsEntry() {
        long event = eventOf(entries[0]);
        dba.behindTheApplicationsBack("DELETE FROM audit_event WHERE id = " + event);
        AuditVerifier.Failure failure = failure();
        assertThat(failure.seq()).isEqualTo(entries[0]);
        assertThat(failure.reason()).contains("deleted");
    }

    @Test
    void aDeletedRowAndItsSealAreFoundAsAGap() {
        long event = eventOf(entries[1]);
        dba.behindTheApplicationsBack("DELETE FROM audit_seal WHERE seq = " + entries[1],
                "DELETE FROM audit_event WHERE id = " + event);
        AuditVerifier.Failure failure = failure();
        assertThat(failure.seq()).isEqualTo(entries[1]);
        assertThat(failure.reason()).contains("missing");
    }

    @Test
    void reorderedRowsAreFoundAtTheFirstMovedEntry() {
        long first = eventOf(entries[0]);
        long second = eventOf(entries[2]);
        // Swap which audit row each position points at, as a reordering of the log would.
        dba.behindTheApplicationsBack(
                "UPDATE audit_seal SET event_id = -1 WHERE seq = " + entries[0],
                "UPDATE audit_seal SET event_id = " + first + " WHERE seq = " + entries[2],
                "UPDATE audit_seal SET event_id = " + second + " WHERE seq = " + entries[0]);
        AuditVerifier.Failure failure = failure();
        assertThat(failure.seq()).isEqualTo(entries[0]);
    }

    @Test
    void aRecomputedChainIsStillCaughtByTheSignedCheckpoint() {
        long event = eventOf(entries[2]);
        // The administrator edits a row and also rewrites its stored leaf hash: the chain then breaks right there.
        dba.behindTheApplicationsBack(
                "UPDATE audit_event SET detail = 'rewritten' WHERE id = " + event,
                "UPDATE audit_seal SET leaf_hash = '" + "0".repeat(64) + "' WHERE seq = " + entries[2]);
        AuditVerifier.Failure failure = failure();
        assertThat(failure.seq()).isEqualTo(entries[2]);
    }

    @Test
    void aTruncatedLogIsFound() {
        long keep = entries[0] - 1;
        dba.behindTheApplicationsBack(
                "DELETE FROM audit_event WHERE id IN (SELECT event_id FROM audit_seal WHERE seq > " + keep + ")",
                "DELETE FROM audit_seal WHERE seq > " + keep);
        AuditVerifier.Failure failure = failure();
        assertThat(failure.seq()).isEqualTo(entries[0]);
        assertThat(failure.reason()).contains("removed from the end");
    }

    @Test
    void aForgedCheckpointSignatureIsFound() {
        long size = jdbc.sql("SELECT MAX(tree_size) FROM audit_checkpoint").query(Long.class).single();
        String signature = jdbc.sql("SELECT signature FROM audit_checkpoint WHERE tree_size = ?").param(size)
                .query(String.class).single();
        String forged = (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        dba.behindTheApplicationsBack(
                "UPDATE audit_checkpoint SET signature = '" + forged + "' WHERE tree_size = " + size);
        AuditVerifier.Failure failure = failure();
        assertThat(failure.seq()).isEqualTo(size);
        assertThat(failure.reason()).contains("signature");
    }

    @Test
    void auditorsAndAdministratorsMayVerifyOverTheApi() {
        Response result = get("/api/audit/verify", token("auditor.yip"));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().get("valid").asBoolean()).isTrue();
        assertThat(result.body().get("entriesChecked").asLong()).isGreaterThanOrEqualTo(entries[2]);
        assertThat(get("/api/audit/verify", token("sysadmin")).status()).isEqualTo(200);
        assertThat(get("/api/audit/verify", token("coord.wong")).status()).isEqualTo(403);
        assertThat(get("/api/audit/checkpoints", token("auditor.yip")).body().size()).isPositive();

        long event = eventOf(entries[1]);
        dba.behindTheApplicationsBack("UPDATE audit_event SET client_ip = '10.9.9.9' WHERE id = " + event);
        JsonNode tampered = get("/api/audit/verify", token("auditor.yip")).body();
        assertThat(tampered.get("valid").asBoolean()).isFalse();
        assertThat(tampered.get("firstFailure").get("seq").asLong()).isEqualTo(entries[1]);
    }
}
