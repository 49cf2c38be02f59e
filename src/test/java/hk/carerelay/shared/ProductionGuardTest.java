package hk.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    private static MockEnvironment profiles(String... profiles) {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles(profiles);
        return env;
    }

    @Test
    void prodRefusesTheDemoProfile() {
        MockEnvironment env = profiles("prod", "demo");
        env.setProperty("server.ssl.enabled", "true");
        assertThatThrownBy(() -> ProductionGuard.check(env)).hasMessageContaining("'demo'");
    }

    @Test
    void prodRefusesToRunWithoutTls() {
        assertThatThrownBy(() -> ProductionGuard.check(profiles("prod", "postgres"))).hasMessageContaining("TLS");
    }

    @Test
    void prodStartsWithTlsOrBehindADeclaredTlsProxy() {
        MockEnvironment tls = profiles("prod", "postgres");
        tls.setProperty("server.ssl.enabled", "true");
        assertThatCode(() -> ProductionGuard.check(tls)).doesNotThrowAnyException();
        MockEnvironment proxy = profiles("prod");
        proxy.setProperty("carerelay.security.tls-terminated-by-proxy", "true");
        assertThatCode(() -> ProductionGuard.check(proxy)).doesNotThrowAnyException();
    }

    @Test
    void withoutProdNothingIsChecked() {
        assertThatCode(() -> ProductionGuard.check(profiles("demo"))).doesNotThrowAnyException();
    }
}
