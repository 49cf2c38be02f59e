package hk.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

class LockTimeoutsTest {

    private final JdbcTemplate template = (JdbcTemplate) new LockTimeouts()
            .postProcessAfterInitialization(new JdbcTemplate(), "jdbcTemplate");

    @Test
    void postgresqlsLockTimeoutIsALockFailure() {
        SQLExceptionTranslator translator = template.getExceptionTranslator();
        assertThat(translator.translate("PreparedStatementCallback", "SELECT id FROM patient WHERE id = ? FOR UPDATE",
                new SQLException("ERROR: canceling statement due to lock timeout", "55P03")))
                .isInstanceOf(PessimisticLockingFailureException.class)
                .hasMessageContaining("lock timeout");
    }

    @Test
    void everyOtherStateIsTranslatedAsBefore() {
        assertThat(template.getExceptionTranslator().translate("insert", "INSERT INTO patient ...",
                new SQLException("duplicate key value violates unique constraint", "23505")))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
