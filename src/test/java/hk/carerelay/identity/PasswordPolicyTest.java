package hk.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void twelveCharactersAtLeast() {
        assertThat(policy.problems("dr.lee", "Short-pw-1")).containsExactly("must be at least 12 characters");
        assertThat(policy.problems("dr.lee", null)).isNotEmpty();
        assertThat(policy.problems("dr.lee", "Harbour-lantern-47")).isEmpty();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(policy.problems("dr.lee", "password1234")).anyMatch(p -> p.contains("common"));
        assertThat(policy.problems("dr.lee", "PASSWORD1234")).anyMatch(p -> p.contains("common"));
        assertThat(policy.problems("dr.lee", "123qweasdzxc")).anyMatch(p -> p.contains("common"));
    }

    @Test
    void theUsernameMayNotBeInside() {
        assertThat(policy.problems("dr.lee", "My-name-is-DR.LEE-ok")).containsExactly("must not contain the username");
    }

    @Test
    void atMost128Characters() {
        assertThat(policy.problems("dr.lee", "x".repeat(129) + "Aa1")).contains("must be at most 128 characters");
    }
}
