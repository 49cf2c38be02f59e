package hk.carerelay.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HkidTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // the example printed on the Immigration Department's card specimen, in every usual spelling
            "A123456(3)    | A1234563",
            "A1234563      | A1234563",
            "a123456(3)    | A1234563",
            "A 123456 (3)  | A1234563",
            "' A123456(3) '| A1234563",
            // two letters
            "AB987654(3)   | AB9876543",
            "ab9876543     | AB9876543",
            "XA000000(8)   | XA0000008",
            // check digit A, in either case
            "Z683365(A)    | Z683365A",
            "R123456(a)    | R123456A",
            "CA100002(A)   | CA100002A",
            // check digit 0
            "WX370426(0)   | WX3704260",
            "P100004(0)    | P1000040" })
    void acceptsValidNumbersInTheirUsualSpellings(String text, String canonical) {
        assertThat(Hkid.isValid(text)).isTrue();
        assertThat(Hkid.parse(text)).map(Hkid::value).contains(canonical);
        assertThat(new Hkid(text).value()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = { "A123456(4)", "A123456(0)", "A123456(A)", "A1234560", "AB987654(2)", "Z683365(5)",
            "WX370426(A)", "B123456(3)" })
    void rejectsAWrongCheckDigit(String text) {
        assertThat(Hkid.isValid(text)).isFalse();
        assertThat(Hkid.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "A12345(6)", "A1234567(8)", "ABC123456(7)", "1234567(8)", "A123456", "A123456()",
            "A123456(33)", "A123456(B)", "A-123456(3)", "A123456[3]", "A12345X(3)", "Ä123456(3)", "A123456(3",
            "A1234563)", "A123456((3))" })
    void rejectsBadShapes(String text) {
        assertThat(Hkid.isValid(text)).isFalse();
        assertThat(Hkid.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "()" })
    void rejectsNothing(String text) {
        assertThat(Hkid.isValid(text)).isFalse();
        assertThat(Hkid.parse(text)).isEmpty();
    }

    @Test
    void madeFromLettersAndDigitsWithTheirCheckDigit() {
        assertThat(Hkid.of("A", "123456").display()).isEqualTo("A123456(3)");
        assertThat(Hkid.of("XA", "000000").value()).isEqualTo("XA0000008");
        assertThatThrownBy(() -> Hkid.of("A", "12345")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void cannotBeConstructedFromAnInvalidNumber() {
        assertThatThrownBy(() -> new Hkid("A123456(4)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void displaysTheCheckDigitInBracketsAsPrintedOnTheCard() {
        assertThat(new Hkid("a 123456 3").display()).isEqualTo("A123456(3)");
        assertThat(new Hkid("ab9876543").display()).isEqualTo("AB987654(3)");
        assertThat(new Hkid("Z683365a").display()).isEqualTo("Z683365(A)");
    }

    @Test
    void differentSpellingsOfOneNumberAreEqual() {
        assertThat(new Hkid("a123456(3)")).isEqualTo(new Hkid("A1234563"));
        assertThat(new Hkid("A123456(3)")).isNotEqualTo(new Hkid("AB9876543"));
    }
}
