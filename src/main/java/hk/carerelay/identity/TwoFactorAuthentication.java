package hk.carerelay.identity;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Username, password and one-time code before sign-in; the {@link CareRelayUser} with its role afterwards.
 * The credentials are erased once checked.
 */
public final class TwoFactorAuthentication extends AbstractAuthenticationToken {

    private final Object principal;
    private String password;
    private String code;

    private TwoFactorAuthentication(Object principal, String password, String code,
            Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        this.password = password;
        this.code = code;
    }

    public static TwoFactorAuthentication unauthenticated(String username, String password, String code) {
        TwoFactorAuthentication auth = new TwoFactorAuthentication(username, password, code, List.of());
        auth.setAuthenticated(false);
        return auth;
    }

    static TwoFactorAuthentication authenticated(CareRelayUser user) {
        TwoFactorAuthentication auth = new TwoFactorAuthentication(user, null, null,
                List.of(new SimpleGrantedAuthority(user.role().authority())));
        auth.setAuthenticated(true);
        return auth;
    }

    @Override
    public Object getCredentials() {
        return password;
    }

    String code() {
        return code;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal instanceof CareRelayUser user ? user.username() : String.valueOf(principal);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        password = null;
        code = null;
    }
}
