package hk.carerelay.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionTest {

    @Test
    void comparesAFieldWithAString() {
        Condition hideUnlessDeclined = Condition.parse("=decision != \"DECLINE\"");

        assertThat(hideUnlessDeclined.test(Map.of("decision", "DECLINE"))).isFalse();
        assertThat(hideUnlessDeclined.test(Map.of("decision", "ACCEPT"))).isTrue();
        assertThat(hideUnlessDeclined.test(Map.of())).as("nothing chosen yet").isTrue();
    }

    @Test
    void anEmptyStringCountsAsNull() {
        Condition c = Condition.parse("=followUp = \"NONE\" or followUp = null");

        assertThat(c.test(Map.of())).isTrue();
        assertThat(c.test(Map.of("followUp", ""))).isTrue();
        assertThat(c.test(Map.of("followUp", "NONE"))).isTrue();
        assertThat(c.test(Map.of("followUp", "SHARED_CARE"))).isFalse();
    }

    @Test
    void theLeadingEqualsSignIsOptional() {
        assertThat(Condition.parse("decision = \"ACCEPT\"").test(Map.of("decision", "ACCEPT"))).isTrue();
        assertThat(Condition.parse("  =decision = \"ACCEPT\"  ").test(Map.of("decision", "ACCEPT"))).isTrue();
    }

    @Test
    void andBindsTighterThanOr() {
        Condition c = Condition.parse("=a = \"x\" or b = \"y\" and c = \"z\"");

        assertThat(c.test(Map.of("a", "x"))).isTrue();
        assertThat(c.test(Map.of("b", "y"))).isFalse();
        assertThat(c.test(Map.of("b", "y", "c", "z"))).isTrue();
    }

    @Test
    void parenthesesAndNotGroupAndNegate() {
        Condition c = Condition.parse("=(a = \"x\" or b = \"y\") and not(c = \"z\")");

        assertThat(c.test(Map.of("b", "y"))).isTrue();
        assertThat(c.test(Map.of("b", "y", "c", "z"))).isFalse();
        assertThat(c.test(Map.of("c", "q"))).isFalse();
    }

    @Test
    void aBareFieldIsTrueOnlyWhenItHoldsTrue() {
        Condition c = Condition.parse("=urgent");

        assertThat(c.test(Map.of("urgent", true))).isTrue();
        assertThat(c.test(Map.of("urgent", false))).isFalse();
        assertThat(c.test(Map.of("urgent", "yes"))).isFalse();
        assertThat(c.test(Map.of())).isFalse();
    }

    @Test
    void comparesBooleansWhateverTheirSpelling() {
        Condition c = Condition.parse("=consented = true");

        assertThat(c.test(Map.of("consented", true))).isTrue();
        assertThat(c.test(Map.of("consented", "true"))).isTrue();
        assertThat(c.test(Map.of("consented", false))).isFalse();
        assertThat(c.test(Map.of())).isFalse();
    }

    @Test
    void comparesNumbersByValue() {
        Condition c = Condition.parse("=age = 18");

        assertThat(c.test(Map.of("age", 18))).isTrue();
        assertThat(c.test(Map.of("age", 18.0))).isTrue();
        assertThat(c.test(Map.of("age", 18L))).isTrue();
        assertThat(c.test(Map.of("age", 19))).isFalse();
        assertThat(Condition.parse("=delta = -1.5").test(Map.of("delta", -1.50))).isTrue();
    }

    @Test
    void aMissingFieldEqualsNull() {
        Map<String, Object> values = new HashMap<>();
        values.put("reason", null);

        assertThat(Condition.parse("=reason = null").test(values)).isTrue();
        assertThat(Condition.parse("=reason != null").test(values)).isFalse();
        assertThat(Condition.parse("=reason != null").test(Map.of("reason", "x"))).isTrue();
    }

    @Test
    void namesTheFieldsItReads() {
        assertThat(Condition.parse("=(a = \"x\" or b = 1) and not(c) and d.e != null").fields())
                .containsExactly("a", "b", "c", "d.e");
        assertThat(Condition.parse("=\"x\" = \"x\"").fields()).isEmpty();
    }

    @Test
    void keepsItsSource() {
        assertThat(Condition.parse("=decision != \"DECLINE\"")).hasToString("=decision != \"DECLINE\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "=decision = \"DECLINE",      // unterminated string
            "=age > 18",                  // comparison the subset does not have
            "=a = \"x\" b",               // trailing token
            "=a =",                       // ends too early
            "=",                          // nothing at all
            "=not a",                     // not without parentheses
            "=(a = \"x\"",                // unclosed parenthesis
            "=a = \"x\")",                // unopened parenthesis
            "=a = \"x\" and or b",        // operator without operand
            "=a.length() = 3",            // function calls
            "=a = 'x'" })                 // single quotes
    void rejectsWhatItCannotEvaluateWhenTheFormIsLoaded(String expression) {
        assertThatThrownBy(() -> Condition.parse(expression)).isInstanceOf(IllegalArgumentException.class);
    }
}
