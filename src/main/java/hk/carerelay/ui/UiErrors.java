package hk.carerelay.ui;

import java.util.stream.Collectors;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.LockTimeouts;
import hk.carerelay.shared.NotFoundException;
import hk.carerelay.shared.ValidationException;

/**
 * What a screen shows when an action fails in a way the view did not handle itself: a readable message in the user's
 * language instead of nothing (Vaadin's own handler only logs). The transaction of the action has been rolled back, so
 * every message says that nothing was saved. The API's counterpart is {@code ApiExceptionHandler}.
 */
@Component
class UiErrors implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UiErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(session -> session.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable failure = cause(event.getThrowable());
        UI ui = UI.getCurrent();
        if (ui == null) {
            log.error("Error outside a screen", event.getThrowable());
            return;
        }
        String message;
        if (failure instanceof ValidationException e) {
            message = ui.getTranslation("error.invalid", e.errors().stream()
                    .map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
        } else if (failure instanceof ConflictException || failure instanceof ForbiddenException
                || failure instanceof NotFoundException) {
            message = failure.getMessage();
        } else if (failure instanceof OptimisticLockingException || failure instanceof OptimisticLockingFailureException
                || failure instanceof PessimisticLockingFailureException) {
            message = ui.getTranslation("error.concurrent");
        } else if (LockTimeouts.causedByLockTimeout(event.getThrowable())) {
            log.warn("A database statement timed out on a screen: {}", failure.getMessage());
            message = ui.getTranslation("error.busy");
        } else {
            log.error("Unexpected error on a screen", event.getThrowable());
            message = ui.getTranslation("error.unexpected");
        }
        Notices.error(message);
    }

    /** The failure itself, out of the wrappers a listener's exception arrives in. */
    private static Throwable cause(Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && !(t instanceof ConflictException
                || t instanceof ForbiddenException || t instanceof NotFoundException || t instanceof ValidationException
                || t instanceof org.springframework.dao.DataAccessException
                || t instanceof OptimisticLockingException)) {
            t = t.getCause();
        }
        return t;
    }
}
