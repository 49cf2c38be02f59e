package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateOfBirthRecognizerTest {

    private final DateOfBirthRecognizer recognizer = new DateOfBirthRecognizer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "DOB: 03/05/1958|03/05/1958", "D.O.B. 14-MAR-1960|14-MAR-1960",
            "Date of birth: 1948-07-06|1948-07-06", "DOB : 2 May 1956|2 May 1956",
            "born on 24 December 1991|24 December 1991",
            "出生日期：1943年2月17日|1943年2月17日", "DOB/Age: 12.03.1957 (69)|12.03.1957", "Birth date May 4, 1962|May 4, 1962" })
    void findsDatesAfterABirthLabel(String text, String date) {
        assertThat(recognizer.recognize(text)).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo(date);
            assertThat(f.type()).isEqualTo(PiiType.DATE_OF_BIRTH);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "Admission: 12/03/2024", "Collected 2024-03-12 08:15", "Reported: 25 Nov 2026",
            "日期：2026年3月14日", "DOB: unknown\nAdmitted 12/03/2024", "HbA1c 7.2 % on 01/02/2026" })
    void otherDatesAreClinicalAndLeftAlone(String text) {
        assertThat(recognizer.recognize(text)).isEmpty();
    }

    @Test
    void findsTheDateOfBirthAmongOtherDates() {
        String text = "Admitted 12/03/2024. DOB: 03/05/1958. Discharged 19/03/2024.";
        assertThat(recognizer.recognize(text)).extracting(Finding::text).containsExactly("03/05/1958");
    }
}
