package hk.carerelay.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a browser session a fixed time after sign-in, however active it was (ASVS 3.3.3; the idle timeout is the
 * servlet container's). The sign-in time is kept in the session when the session is first seen authenticated.
 */
class AbsoluteSessionTimeout extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = AbsoluteSessionTimeout.class.getName() + ".signedInAt";

    private final Duration lifetime;
    private final Clock clock;

    AbsoluteSessionTimeout(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && CurrentUser.get().isPresent()) {
            Instant now = clock.instant();
            Object signedIn = session.getAttribute(SIGNED_IN_AT);
            if (signedIn == null) {
                session.setAttribute(SIGNED_IN_AT, now);
            } else if (((Instant) signedIn).plus(lifetime).isBefore(now)) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
