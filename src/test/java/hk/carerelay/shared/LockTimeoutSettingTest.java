package hk.carerelay.shared;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class LockTimeoutSettingTest {

    private static MockEnvironment lockTimeout(String value) {
        return new MockEnvironment().withProperty(LockTimeoutSetting.PROPERTY, value);
    }

    @Test
    void aNumberWithOrWithoutAPostgresTimeUnitIsAccepted() {
        for (String value : new String[] {"10s", "2500ms", "2500", "1.5s", "2 min", "0", " 30s "}) {
            assertThatCode(() -> LockTimeoutSetting.check(lockTimeout(value))).as(value).doesNotThrowAnyException();
        }
        assertThatCode(() -> LockTimeoutSetting.check(new MockEnvironment())).as("unset: the default")
                .doesNotThrowAnyException();
    }

    @Test
    void anythingElseStopsTheStartNamingTheSetting() {
        for (String value : new String[] {"10 seconds", "ten", "", "-5s", "10s'; DROP TABLE referral; --", "5 s s"}) {
            assertThatThrownBy(() -> LockTimeoutSetting.check(lockTimeout(value))).as(value)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("carerelay.db.lock-timeout")
                    .hasMessageContaining("10s");
        }
    }
}
