package hk.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.http.ProblemDetail;

class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    /** A lock held past the database's timeout, or a deadlock, is a conflict to retry, not an internal error. */
    @Test
    void aRowLockedTooLongOrADeadlockIsAConflictToRetry() {
        for (RuntimeException e : new RuntimeException[] {new CannotAcquireLockException("lock timeout"),
                new DeadlockLoserDataAccessException("deadlock", null)}) {
            ProblemDetail problem = handler.concurrentChange(e);
            assertThat(problem.getStatus()).as(e.getClass().getSimpleName()).isEqualTo(409);
            assertThat(problem.getDetail()).contains("nothing was saved").contains("try again");
        }
    }
}
