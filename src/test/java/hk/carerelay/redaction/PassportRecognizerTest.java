package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PassportRecognizerTest {

    private final PassportRecognizer recognizer = new PassportRecognizer();

    @ParameterizedTest
    @ValueSource(strings = { "H12345678", "K01234567" })
    void findsHongKongPassportNumbersWithOrWithoutALabel(String number) {
        assertThat(recognizer.recognize("holds " + number + " as well")).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.85));
        assertThat(recognizer.recognize("HKSAR passport: " + number)).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.99));
        assertThat(recognizer.recognize("旅行證件號碼：" + number)).singleElement()
                .satisfies(f -> assertThat(f.text()).isEqualTo(number));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "PRC passport No. E12345678|E12345678",
            "Philippine passport P1234567A|P1234567A", "Indonesian passport B1234567|B1234567",
            "UK passport 123456789|123456789", "Passport No.: EA1234567|EA1234567",
            "Passport (PRC) No.: E33445512|E33445512", "護照號碼：G12345678|G12345678" })
    void findsForeignNumbersAfterAPassportLabel(String text, String number) {
        assertThat(recognizer.recognize(text)).singleElement().satisfies(f -> assertThat(f.text()).isEqualTo(number));
    }

    @ParameterizedTest
    @ValueSource(strings = { "E12345678", "P1234567A", "123456789", "EA1234567" })
    void foreignShapesWithoutALabelAreLeftAlone(String number) {
        assertThat(recognizer.recognize("ref " + number)).isEmpty();
    }

    @Test
    void aPassportLabelOnAnotherLineDoesNotReach() {
        assertThat(recognizer.recognize("Passport checked.\nEndoscopy no. E26045123")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Lab No. K12345678", "Accession: H24012345", "HN12345678", "H123456789",
            "XH12345678" })
    void hongKongShapesAfterLaboratoryLabelsOrInsideLongerCodesAreNotPassports(String text) {
        assertThat(recognizer.recognize(text)).isEmpty();
    }
}
