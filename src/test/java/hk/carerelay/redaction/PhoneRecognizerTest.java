package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneRecognizerTest {

    private final PhoneRecognizer recognizer = new PhoneRecognizer();

    private List<String> found(String text) {
        return recognizer.recognize(text).stream().map(Finding::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = { "+852 2345 6789", "+852-9123-4567", "+85291234567", "(852) 2345 6789",
            "(+852) 9234-5678", "852-2345-6789", "852 6123 4567", "（852）2871 0034" })
    void findsNumbersWithTheCountryCode(String phone) {
        assertThat(recognizer.recognize("reach me on " + phone + " please")).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo(phone);
            assertThat(f.confidence()).isGreaterThanOrEqualTo(0.95);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "Tel: 2345 6789", "Tel No.: 2345-6789", "Mobile 91234567", "Fax: 3906 2200",
            "電話：2490 1122", "手提：6011 2233", "聯絡電話：9456 7788", "Contact: 5123 8899", "WhatsApp 6123 4567",
            "ENQUIRY: WARD 9B 3517 8892", "Ward 7B Tel 2345 6789" })
    void aPhoneLabelMakesAnEightDigitNumberAPhone(String text) {
        assertThat(recognizer.recognize(text)).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.95));
    }

    @Test
    void findsEveryLeadingDigitHongKongUsesButNotOthers() {
        for (char first : "2356789".toCharArray()) {
            assertThat(found("Tel " + first + "123 4567")).as("leading %s", first).hasSize(1);
        }
        assertThat(found("Tel 1123 4567")).isEmpty();
        assertThat(found("Tel 4123 4567")).isEmpty();
        assertThat(found("Tel 0123 4567")).isEmpty();
    }

    @Test
    void anUnlabelledNumberIsFoundWithLessConfidence() {
        assertThat(recognizer.recognize("Daughter 9876 5432 asked to bring films")).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isBetween(0.5, 0.9));
    }

    @Test
    void aLabelOnTheLineAboveCounts() {
        assertThat(found("Tel:\n2345 6789")).containsExactly("2345 6789");
        assertThat(found("Lab No.      Date\n25103344    HbA1c 8.4 %\n26017729    HbA1c 7.1 %")).isEmpty();
    }

    @Test
    void severalNumbersOnOneLineEachTakeTheirNearestLabel() {
        assertThat(found("Tel: 2345 6789 / 9123 4567, Ref 23456789")).containsExactly("2345 6789", "9123 4567");
        assertThat(found("TEL: 2757 0312 (HOME)   9018 2233 (MOBILE)")).containsExactly("2757 0312", "9018 2233");
        assertThat(found("Tel: 2345 6789 9123 4567")).containsExactly("2345 6789", "9123 4567");
        // chained with hyphens it reads as one reference number
        assertThat(found("Tel: 2345-6789-9123-4567")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Lab No.: 24123456", "Lab No 2612 5295", "Accession: 2561 0098", "Accession# 58823311",
            "Ref: 9120 4411", "Our ref. 23456789", "Specimen ID 38815522 (serum)", "Order no. 82250143",
            "Batch 71234567", "lot 6620 1187", "Episode: 35202007", "appointment no. 22364701", "Bed 12 HN 28123456",
            "化驗編號 26125295", "化驗單號 28123456", "預約編號：26120145", "Insurance policy no. 67891234",
            "receipt no. 58771203", "ICD code 25000000", "QUEUE NO. 3011 2450" })
    void numbersAfterClinicalOrAdministrativeLabelsAreNotPhones(String text) {
        assertThat(found(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "HBV DNA 23456789 IU/mL", "HBV DNA 56781234    IU/mL", "insulin 2345 6789 units",
            "count 23456789 copies/mL", "dose 50000000 mg" })
    void numbersFollowedByAUnitAreResults(String text) {
        assertThat(found(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "on 20240312", "on 25122024", "from 2130-2230", "QC ref. 2024 5531 0012",
            "claim 7781 2290 3301", "value 2345.6789", "3,456,789 copies", "metformin 500 mg bd",
            "ICD-10 E11.65 and I20.9", "HbA1c 7.2 %", "LDL 3.4 mmol/L", "12/03/2024", "BP 152/94" })
    void datesTimeRangesLongerNumbersAndResultsAreNotPhones(String text) {
        assertThat(found(text)).isEmpty();
    }

    @Test
    void aNumberStartingWithAYearIsBelowTheDefaultThresholdWithoutALabel() {
        assertThat(recognizer.recognize("see 2023 4567")).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isLessThan(0.5));
        assertThat(recognizer.recognize("Tel 2023 4567")).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.95));
    }

    @Test
    void aNumberBrokenOverALineAfterAPhoneLabelIsFoundWhole() {
        assertThat(recognizer.recognize("Contact: daughter, mobile 9381\n0277, email below")).singleElement()
                .satisfies(f -> {
                    assertThat(f.text()).isEqualTo("9381\n0277");
                    assertThat(f.reason()).startsWith("OCR-tolerant match");
                    assertThat(f.confidence()).isEqualTo(0.85);
                });
    }

    @Test
    void aNumberBrokenOverALineWithoutAPhoneLabelIsNotAPhone() {
        assertThat(recognizer.recognize("Results 2345\n6789 pending")).isEmpty();
        assertThat(recognizer.recognize("Lab No. 2345\n6789")).isEmpty();
        assertThat(recognizer.recognize("Tel ward, HbA1c 2345\n6789 mmol")).isEmpty();
    }
}
