package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HkidRecognizerTest {

    private final HkidRecognizer recognizer = new HkidRecognizer();

    @ParameterizedTest
    @ValueSource(strings = { "A123456(3)", "A1234563", "A123456 3", "A 123456(3)", "A123456 (3)", "A123456（3）",
            "AB987654(3)", "AB9876543", "XA000000(8)", "Z683365(A)", "Z683365A", "CA100002(A)", "WX370426(0)" })
    void findsEveryUsualSpellingWithItsWholeSpan(String hkid) {
        String text = "Patient seen today, ID " + hkid + ", for review.";
        List<Finding> found = recognizer.recognize(text);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(PiiType.HKID);
            assertThat(f.text()).isEqualTo(hkid);
            assertThat(text.substring(f.start(), f.end())).isEqualTo(hkid);
            assertThat(f.confidence()).isGreaterThanOrEqualTo(0.9);
            assertThat(f.reason()).contains("check digit");
        });
    }

    @Test
    void anIdLabelMakesItCertainAndWorksInChinese() {
        assertThat(recognizer.recognize("HKID: A1234563")).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.99));
        assertThat(recognizer.recognize("香港身份證號碼：P560071(9)。")).singleElement()
                .satisfies(f -> assertThat(f.text()).isEqualTo("P560071(9)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "A123456(4)", "A1234560", "AB987654(2)", "Z683365(5)", "B 987654 (A)" })
    void aWrongCheckDigitIsNotAnHkid(String text) {
        assertThat(recognizer.recognize("HKID " + text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "HN12345678", "HN54053245X", "A12345678", "ABC123456(3)", "E11.65", "I20.9",
            "12345678", "K23456781", "2A1234563", "A1234563B" })
    void otherShapesAreNotHkids(String text) {
        assertThat(recognizer.recognize("ref " + text + " end")).isEmpty();
    }

    @Test
    void aBareLetterAndSevenDigitsAfterALaboratoryLabelIsThatLabel() {
        // both pass the check digit by chance
        assertThat(recognizer.recognize("Bar code C1234569 (serum)")).isEmpty();
        assertThat(recognizer.recognize("Lab No.: A7654327")).isEmpty();
        assertThat(recognizer.recognize("sample tube A7654327")).isEmpty();
        // the same number unlabelled, or bracketed, is still taken for an HKID
        assertThat(recognizer.recognize("seen with A7654327 today")).hasSize(1);
        assertThat(recognizer.recognize("Ref A765432(7)")).hasSize(1);
    }

    @Test
    void findsSeveralInOneText() {
        List<Finding> found = recognizer.recognize("Patient A123456(3); mother XA000000(8); wrong A123456(4).");
        assertThat(found).extracting(Finding::text).containsExactly("A123456(3)", "XA000000(8)");
    }
}
