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
        env.setProperty("server.ssl.key-store", "keystore.p12");
        assertThatThrownBy(() -> ProductionGuard.check(env)).hasMessageContaining("'demo'");
    }

    @Test
    void prodRefusesToRunWithoutTls() {
        assertThatThrownBy(() -> ProductionGuard.check(profiles("prod", "postgres"))).hasMessageContaining("TLS");
    }

    @Test
    void prodStartsWithTlsOrBehindADeclaredTlsProxy() {
        MockEnvironment tls = profiles("prod", "postgres");
        tls.setProperty("server.ssl.bundle", "carerelay-tls");
        tls.setProperty("CARERELAY_TLS_KEYSTORE", "/etc/carerelay/tls.p12");
        assertThatCode(() -> ProductionGuard.check(tls)).doesNotThrowAnyException();
        MockEnvironment bundleWithoutKeystore = profiles("prod");
        bundleWithoutKeystore.setProperty("server.ssl.bundle", "carerelay-tls");
        assertThatThrownBy(() -> ProductionGuard.check(bundleWithoutKeystore)).hasMessageContaining("TLS");
        MockEnvironment switchedOff = profiles("prod");
        switchedOff.setProperty("server.ssl.key-store", "keystore.p12");
        switchedOff.setProperty("server.ssl.enabled", "false");
        assertThatThrownBy(() -> ProductionGuard.check(switchedOff)).hasMessageContaining("TLS");
        MockEnvironment proxy = profiles("prod");
        proxy.setProperty("carerelay.security.tls-terminated-by-proxy", "true");
        assertThatCode(() -> ProductionGuard.check(proxy)).doesNotThrowAnyException();
    }

    @Test
    void withoutProdNothingIsChecked() {
        assertThatCode(() -> ProductionGuard.check(profiles("demo"))).doesNotThrowAnyException();
    }
}
