package hk.carerelay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.VaadinSession;

import hk.carerelay.shared.ConflictException;
import hk.carerelay.shared.ValidationException;

/** An action that fails where the view did not catch it says so on the screen; Vaadin's own handler only logs. */
class UiErrorsTest extends ViewTestSupport {

    @Test
    void aFailedActionSaysWhatHappenedInTheUsersLanguage() {
        signIn("gp.chan");
        UI.getCurrent().navigate("tasks");
        ErrorHandler handler = VaadinSession.getCurrent().getErrorHandler();
        assertThat(handler).as("every session gets it").isInstanceOf(UiErrors.class);

        assertThat(shown(handler, new RuntimeException("listener failed",
                new ConflictException("This task has just been completed by someone else; nothing was saved."))))
                .isEqualTo("This task has just been completed by someone else; nothing was saved.");
        assertThat(shown(handler, new CannotAcquireLockException("deadlock")))
                .startsWith("Someone else changed this at the same moment; nothing was saved.");
        assertThat(shown(handler, new QueryTimeoutException("Timeout trying to lock table")))
                .startsWith("The database was busy");
        assertThat(shown(handler, new RuntimeException("ENGINE-03083 exception while executing 'update TaskEntity'",
                new java.sql.SQLException("ERROR: canceling statement due to lock timeout", "55P03"))))
                .as("PostgreSQL's lock timeout inside the engine").startsWith("The database was busy");
        assertThat(shown(handler, ValidationException.of("hkid", "is not a valid HKID")))
                .isEqualTo("Nothing was saved: hkid: is not a valid HKID");
        assertThat(shown(handler, new IllegalStateException("boom")))
                .isEqualTo("Something went wrong; nothing was saved. It has been logged for the administrator.");

        UI.getCurrent().setLocale(java.util.Locale.forLanguageTag("zh-HK"));
        assertThat(shown(handler, new IllegalStateException("boom"))).startsWith("發生錯誤");
    }

    private static String shown(ErrorHandler handler, Throwable failure) {
        NotificationsKt.clearNotifications();
        handler.error(new ErrorEvent(failure));
        List<Notification> open = NotificationsKt.getNotifications();
        assertThat(open).hasSize(1);
        return open.get(0).getChildren().map(c -> c.getElement().getText()).findFirst().orElse("");
    }
}
