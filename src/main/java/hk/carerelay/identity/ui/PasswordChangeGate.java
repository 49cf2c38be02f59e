package hk.carerelay.identity.ui;

import org.springframework.stereotype.Component;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import hk.carerelay.identity.Accounts;
import hk.carerelay.identity.CurrentUser;

/** After an administrator reset (or for a new account) the user can go nowhere but to choose a new password. */
@Component
class PasswordChangeGate implements VaadinServiceInitListener {

    private final Accounts accounts;

    PasswordChangeGate(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::beforeEnter));
    }

    private void beforeEnter(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == AccountView.class || event.getNavigationTarget() == LoginView.class) {
            return;
        }
        CurrentUser.get().filter(accounts::mustChangePassword).ifPresent(user -> event.rerouteTo(AccountView.class));
    }
}
