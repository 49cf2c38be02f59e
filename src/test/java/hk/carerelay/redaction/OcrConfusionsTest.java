package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OcrConfusionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Tel 9l23 4S67|Tel 9123 4567",
        "HKID A12345O(3)|HKID A123450(3)",
        "HKID AI23456(3)|HKID A123456(3)",
        "ID A123456C3)|ID A123456(3)",
        "ID A123456(3]|ID A123456(3)",
        "ID Z683365(A}|ID Z683365(A)",
        "call 2B1O 0OOO now|call 2810 0000 now"})
    void putsDigitsAndBracketsBackInsideNumbersOnly(String read, String meant) {
        OcrConfusions.View view = OcrConfusions.digitView(read);
        assertThat(view.text()).isEqualTo(meant).hasSameSizeAs(read);
        assertThat(view.changed().cardinality()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ICD-10 I10, I48.0 and E11.65", "Vitamin B12 200 mcg", "HbA1c 7.2 %", "5ml BD",
            "paracetamol 1 g QID", "COVID-19 PCR", "Lot A12B", "Flat 12B", "1lb", "2l/min", "Oxygen 2L via nasal cannula", "SpO2 95%",
            "Seen 12/03/2024 at 10:30", "T2DM on insulin", "INR 2.1", "Cr 78 umol/L", "Ward 9B Bed 12" })
    void leavesWordsCodesDosesAndDatesAlone(String text) {
        OcrConfusions.View view = OcrConfusions.digitView(text);
        assertThat(view.text()).isEqualTo(text);
        assertThat(view.changed().isEmpty()).isTrue();
    }

    @Test
    void describesWhatWasReadDifferently() {
        String read = "Tel 9l23 4S67";
        OcrConfusions.View view = OcrConfusions.digitView(read);
        assertThat(view.describe(read, 4, read.length())).isEqualTo("l read as 1, S read as 5");
        assertThat(view.changedWithin(0, 4)).isFalse();
        assertThat(view.changedWithin(4, 7)).isTrue();
    }
}
