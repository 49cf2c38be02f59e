package hk.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();
    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(
            ApiExceptionHandler.class);

    /** A lock held past the database's timeout, or a deadlock, is a conflict to retry, not an internal error. */
    @Test
    void aRowLockedTooLongOrADeadlockIsAConflictToRetry() throws Exception {
        for (RuntimeException e : new RuntimeException[] {new CannotAcquireLockException("lock timeout"),
                new DeadlockLoserDataAccessException("deadlock", null)}) {
            Method method = resolver.resolveMethod(e);
            assertThat(method).as(e.getClass().getSimpleName()).isNotNull();
            ProblemDetail problem = (ProblemDetail) method.invoke(handler, e);
            assertThat(problem.getStatus()).as(e.getClass().getSimpleName()).isEqualTo(409);
            assertThat(problem.getDetail()).contains("nothing was saved").contains("try again");
        }
    }

    /** H2 reports a lock it waited for too long as a query timeout: the client is told to try again, not "internal". */
    @Test
    void aStatementThatTimedOutAsksToTryAgain() throws Exception {
        QueryTimeoutException e = new QueryTimeoutException("Timeout trying to lock table");
        ProblemDetail problem = (ProblemDetail) resolver.resolveMethod(e).invoke(handler, e);
        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getDetail()).contains("nothing was saved").contains("Try again");
    }

    /** PostgreSQL's lock timeout in one of the engine's own statements arrives wrapped: busy, not internal. */
    @Test
    void aLockTimeoutInsideTheEngineAsksToTryAgain() throws Exception {
        RuntimeException e = new RuntimeException("ENGINE-03083 exception while executing 'update TaskEntity'",
                new java.sql.SQLException("ERROR: canceling statement due to lock timeout", "55P03"));
        ProblemDetail problem = (ProblemDetail) resolver.resolveMethod(e).invoke(handler, e);
        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getDetail()).contains("nothing was saved").contains("Try again");
    }
}
