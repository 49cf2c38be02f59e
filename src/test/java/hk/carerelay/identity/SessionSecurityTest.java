package hk.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import hk.carerelay.ApplicationTest;

/**
 * Sessions (ASVS 3.3): idle timeout 30 minutes, absolute lifetime 12 hours; CSRF (ASVS 4.2.2, 13.2.3): a cookie
 * session cannot post without the token, and the API does not accept cookies at all.
 */
@ApplicationTest
class SessionSecurityTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    ServerProperties server;
    @Autowired
    UserDirectory users;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private MockMvc mvc() {
        return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void anIdleSessionEndsAfterThirtyMinutes() {
        assertThat(server.getServlet().getSession().getTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverActive() throws Exception {
        Instant signIn = Instant.parse("2026-11-27T01:00:00Z");
        MockHttpSession session = new MockHttpSession();
        SecurityContextHolder.getContext().setAuthentication(
                TwoFactorAuthentication.authenticated(users.find("gp.chan").orElseThrow()));

        assertThat(request(session, signIn)).as("first request after sign-in").isTrue();
        assertThat(request(session, signIn.plus(Duration.ofHours(12)))).as("still active at 12 hours").isTrue();
        assertThat(session.isInvalid()).isFalse();

        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean passed = request(session, signIn.plus(Duration.ofHours(12)).plusSeconds(1), response);
        assertThat(passed).as("the request is not served").isFalse();
        assertThat(session.isInvalid()).isTrue();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    private boolean request(MockHttpSession session, Instant at) throws Exception {
        return request(session, at, new MockHttpServletResponse());
    }

    private boolean request(MockHttpSession session, Instant at, MockHttpServletResponse response) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/tasks");
        request.setSession(session);
        AtomicBoolean served = new AtomicBoolean();
        new AbsoluteSessionTimeout(Duration.ofHours(12), Clock.fixed(at, ZoneOffset.UTC))
                .doFilter(request, response, (req, res) -> served.set(true));
        return served.get();
    }

    /** A browser session as the sign-in leaves it: the security context stored in the HTTP session. */
    private MockHttpSession signedInSession() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
                TwoFactorAuthentication.authenticated(users.find("gp.chan").orElseThrow())));
        return session;
    }

    @Test
    void aCookieSessionCannotPostWithoutTheCsrfToken() throws Exception {
        mvc().perform(post("/logout").session(signedInSession())).andExpect(status().isForbidden());
        mvc().perform(post("/logout").session(signedInSession()).with(csrf())).andExpect(status().is3xxRedirection());
    }

    @Test
    void theApiIgnoresCookieSessions() throws Exception {
        mvc().perform(post("/api/referrals").session(signedInSession()).with(csrf()).contentType("application/json")
                .content("{}")).andExpect(status().isUnauthorized());
    }
}
