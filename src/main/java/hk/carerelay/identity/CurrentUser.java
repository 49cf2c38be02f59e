package hk.carerelay.identity;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user of the current request (API call or Vaadin round trip). */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<CareRelayUser> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof CareRelayUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static CareRelayUser require() {
        return get().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
    }
}
