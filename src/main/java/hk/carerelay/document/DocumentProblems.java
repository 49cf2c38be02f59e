package hk.carerelay.document;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import hk.carerelay.shared.Problems;

/** A refused file answers with its reason as a machine code; a stored file that fails its integrity check is named. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DocumentProblems {

    @ExceptionHandler(DocumentRejectedException.class)
    ProblemDetail rejected(DocumentRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TIMED_OUT, OUT_OF_MEMORY -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        ProblemDetail problem = Problems.of(status, "document-refused", e.getMessage());
        problem.setProperty("reason", e.reason().code());
        return problem;
    }

    @ExceptionHandler(DocumentTamperedException.class)
    ProblemDetail tampered(DocumentTamperedException e) {
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "document-integrity",
                "The stored file failed its integrity check and was not shown; the administrators have been told.");
    }
}
