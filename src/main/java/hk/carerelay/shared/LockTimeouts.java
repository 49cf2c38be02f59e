package hk.carerelay.shared;

import java.sql.SQLException;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL's lock timeout ({@code lock_timeout}, SQL state 55P03, "lock not available") read as what it is: a
 * statement that waited too long for a row another session held, as H2 reports its own lock timeout (a query
 * timeout). Spring's standard translation leaves that state uncategorised, so such a request answered 500; now the API
 * answers 503 "the database was busy; nothing was saved, try again" and the screen says the same. The application's
 * {@link JdbcTemplate} (which its {@code JdbcClient} uses) translates it so; the engine's own statements reach the
 * error handlers wrapped, and {@link #causedByLockTimeout} finds it there. Every other state is translated as before.
 */
@Component
public class LockTimeouts implements BeanPostProcessor {

    /** PostgreSQL's "lock_not_available": a lock timeout, or a lock refused to NOWAIT. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JdbcTemplate template) {
            SQLExceptionTranslator standard = template.getExceptionTranslator();
            template.setExceptionTranslator((task, sql, e) -> LOCK_NOT_AVAILABLE.equals(e.getSQLState())
                    ? new QueryTimeoutException(task + "; SQL [" + sql + "]; " + e.getMessage(), e)
                    : standard.translate(task, sql, e));
        }
        return bean;
    }

    /** Whether a lock timeout lies anywhere in the chain of causes (as the engine's statements wrap it). */
    public static boolean causedByLockTimeout(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof QueryTimeoutException || t instanceof SQLException sql
                    && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
