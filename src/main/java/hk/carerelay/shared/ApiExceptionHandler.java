package hk.carerelay.shared;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every API failure to application/problem+json; field errors are listed under {@code errors}. It applies to
 * every handler, and to none (a 405 or 415 is found before any handler is chosen), so no error escapes as the
 * framework's own JSON.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ValidationException.class)
    ProblemDetail validation(ValidationException e) {
        return Problems.validation(e.errors());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this action.");
    }

    /** The engine's own authorization refused the call: the same answer as CareRelay's policy would give. */
    @ExceptionHandler(AuthorizationException.class)
    ProblemDetail engineAuthorization(AuthorizationException e) {
        log.warn("Engine authorization refused a call: {}", e.getMessage());
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this.");
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    /**
     * Two requests changed the same thing at once: the engine's or a row's version moved, or a row another transaction
     * holds stayed locked past the database's lock timeout (or in a deadlock). Everything was rolled back.
     */
    @ExceptionHandler({OptimisticLockingException.class, OptimisticLockingFailureException.class,
            PessimisticLockingFailureException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        return Problems.of(HttpStatus.CONFLICT, "conflict",
                "Someone else changed this at the same moment; nothing was saved. Reload and try again.");
    }

    /**
     * A statement waited too long, for a lock another session held (H2's lock timeout, PostgreSQL's as translated by
     * {@link LockTimeouts}) or to finish: nothing was kept.
     */
    @ExceptionHandler(QueryTimeoutException.class)
    ProblemDetail busy(QueryTimeoutException e) {
        return busy(e.getMostSpecificCause());
    }

    private static ProblemDetail busy(Throwable cause) {
        log.warn("A database statement timed out: {}", cause.getMessage());
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy",
                "The database was busy; nothing was saved. Try again in a moment.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.validation(List.of(new FieldError(e.getName(), "has an invalid value")));
    }

    /** Anything else; a lock timeout in one of the engine's own statements arrives wrapped, and is "busy" too. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (LockTimeouts.causedByLockTimeout(e)) {
            return busy(NestedExceptionUtils.getMostSpecificCause(e));
        }
        log.error("Unexpected error in API call", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "An unexpected error occurred; nothing was saved. It has been logged for the administrator.");
    }

    /**
     * The framework's own errors (405, 406, 415, ...) are problem details too; the content type is set here because
     * an endpoint's declared response type would otherwise label the problem as plain JSON.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, status);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(f -> errors.add(new FieldError(f.getField(), f.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
        return ResponseEntity.badRequest().body(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                "too-large", "The upload is larger than this server accepts."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            String message = mismatch instanceof InvalidFormatException ? "has an invalid value" : "has the wrong type";
            return ResponseEntity.badRequest().body(Problems.validation(List.of(new FieldError(field, message))));
        }
        log.debug("Unreadable request body: {}", cause.getMessage());
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "The request body is missing or is not valid JSON."));
    }
}
