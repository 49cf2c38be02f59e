package hk.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

class LockTimeoutsTest {

    private static final SQLException LOCK_TIMEOUT = new SQLException(
            "ERROR: canceling statement due to lock timeout", "55P03");

    private final JdbcTemplate template = (JdbcTemplate) new LockTimeouts()
            .postProcessAfterInitialization(new JdbcTemplate(), "jdbcTemplate");

    /** As H2 reports its own lock timeout; without the translation it was uncategorised, an internal error. */
    @Test
    void postgresqlsLockTimeoutIsAStatementThatWaitedTooLong() {
        assertThat(template.getExceptionTranslator().translate("PreparedStatementCallback",
                "SELECT id FROM patient WHERE id = ? FOR UPDATE", LOCK_TIMEOUT))
                .isInstanceOf(QueryTimeoutException.class)
                .hasMessageContaining("lock timeout");
    }

    @Test
    void everyOtherStateIsTranslatedAsBefore() {
        assertThat(template.getExceptionTranslator().translate("insert", "INSERT INTO patient ...",
                new SQLException("duplicate key value violates unique constraint", "23505")))
                .isInstanceOf(DuplicateKeyException.class);
    }

    /** The engine's statements reach the handlers wrapped (the engine's exception, MyBatis's, then the driver's). */
    @Test
    void aLockTimeoutIsFoundWhereverItIsWrapped() {
        assertThat(LockTimeouts.causedByLockTimeout(new RuntimeException("ENGINE-03083 exception while executing",
                new IllegalStateException("### Error updating database", LOCK_TIMEOUT)))).isTrue();
        assertThat(LockTimeouts.causedByLockTimeout(new QueryTimeoutException("Timeout trying to lock table")))
                .isTrue();
        assertThat(LockTimeouts.causedByLockTimeout(new RuntimeException("ENGINE-03083",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(LockTimeouts.causedByLockTimeout(new IllegalStateException("boom"))).isFalse();
    }
}
