package hk.carerelay.shared;

import java.sql.SQLException;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL's lock timeout ({@code lock_timeout}, SQL state 55P03, "lock not available") as the lock failure it is.
 * Spring's standard translation leaves that state uncategorised, so a request that waited too long for a row another
 * session held answered 500; translated, it answers that nothing was saved and to try again (409, and the same notice
 * on screen), like any other lock failure. Applied to the application's {@link JdbcTemplate}, which its
 * {@code JdbcClient} uses; every other state is translated as before.
 */
@Component
class LockTimeouts implements BeanPostProcessor {

    /** PostgreSQL's "lock_not_available": a lock timeout, or a lock refused to NOWAIT. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JdbcTemplate template) {
            template.setExceptionTranslator(translator(template.getExceptionTranslator()));
        }
        return bean;
    }

    static SQLExceptionTranslator translator(SQLExceptionTranslator standard) {
        return (task, sql, e) -> LOCK_NOT_AVAILABLE.equals(e.getSQLState()) ? lockFailure(task, sql, e)
                : standard.translate(task, sql, e);
    }

    private static DataAccessException lockFailure(String task, String sql, SQLException e) {
        return new CannotAcquireLockException(task + "; SQL [" + sql + "]; " + e.getMessage(), e);
    }
}
