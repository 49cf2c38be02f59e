package hk.carerelay.identity;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import hk.carerelay.audit.AuditAction;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.shared.ForbiddenException;
import hk.carerelay.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;

/** Sign-in for API clients ({@code POST /api/auth/token}), sign-out and the caller's own profile. */
@RestController
class AuthController {

    private final AuthenticationManager authenticationManager;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Accounts accounts;

    AuthController(AuthenticationManager authenticationManager, ApiTokens tokens, AuditLog audit, ObjectMapper json,
            Accounts accounts) {
        this.accounts = accounts;
        this.authenticationManager = authenticationManager;
        this.tokens = tokens;
        this.audit = audit;
        this.json = json;
    }

    record TokenRequest(String username, String password, String otp) {
    }

    record TokenResponse(String token, Instant expiresAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Me(String username, String displayName, List<String> roles, String institution, String department) {
    }

    /** Any failure, malformed bodies included, answers the same 401: the contract promises nothing more to a caller. */
    @PostMapping("/api/auth/token")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "username, password and the current TOTP code",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenRequest.class)))
    TokenResponse token(@RequestBody(required = false) String body) {
        TokenRequest request = parse(body);
        if (request == null || request.username() == null || request.password() == null || request.otp() == null) {
            audit.signInFailed(request == null ? null : request.username());
            throw new SignInFailed();
        }
        try {
            CareRelayUser user = (CareRelayUser) authenticationManager
                    .authenticate(TwoFactorAuthentication.unauthenticated(request.username(), request.password(),
                            request.otp()))
                    .getPrincipal();
            if (accounts.mustChangePassword(user)) {
                audit.record(user, AuditAction.SIGN_IN, "api refused: password change required");
                throw new ForbiddenException(
                        "A new password is required: sign in to the web application to choose one.");
            }
            ApiTokens.IssuedToken issued = tokens.issue(user.username());
            audit.record(user, AuditAction.SIGN_IN, "api");
            return new TokenResponse(issued.token(), issued.expiresAt());
        } catch (AuthenticationException e) {
            audit.signInFailed(request.username());
            throw new SignInFailed();
        }
    }

    private TokenRequest parse(String body) {
        if (body == null || body.length() > 4096) {
            return null;
        }
        try {
            return json.readValue(body, TokenRequest.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request) {
        String token = BearerTokenFilter.bearerToken(request);
        if (token != null) {
            tokens.revoke(token);
        }
        audit.record(CurrentUser.require(), AuditAction.SIGN_OUT, "api");
    }

    @GetMapping("/api/me")
    Me me() {
        CareRelayUser user = CurrentUser.require();
        return new Me(user.username(), user.displayName(), List.of(user.role().name()), user.institution(),
                user.department());
    }

    static class SignInFailed extends RuntimeException {
        SignInFailed() {
            super(TwoFactorAuthenticationProvider.FAILURE);
        }
    }

    @ExceptionHandler(SignInFailed.class)
    ProblemDetail signInFailed(SignInFailed e) {
        return Problems.of(HttpStatus.UNAUTHORIZED, "sign-in-failed", e.getMessage());
    }
}
