package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailRecognizerTest {

    private final EmailRecognizer recognizer = new EmailRecognizer();

    @ParameterizedTest
    @ValueSource(strings = { "chan.taiman@gmail.com", "kk_tang79@netvigator.com", "CHAN.SM@YAHOO.COM.HK",
            "nurse_kelly@hk-clinic.org", "angela.ip@kwongwahclinic.com.hk", "a+b@x.io" })
    void findsAddresses(String email) {
        String text = "電郵：" + email + ".";
        assertThat(recognizer.recognize(text)).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo(email);
            assertThat(f.type()).isEqualTo(PiiType.EMAIL);
        });
    }

    @Test
    void findsAddressesInAngleBracketsAndLists() {
        assertThat(recognizer.recognize("From: Dr Ip <angela.ip@clinic.hk>; cc a@b.com / c@d.org"))
                .extracting(Finding::text).containsExactly("angela.ip@clinic.hk", "a@b.com", "c@d.org");
    }

    @ParameterizedTest
    @ValueSource(strings = { "seen @ 10:30", "Troponin@0h 12 ng/L", "user@localhost", "@clinic.hk", "a@b.c1" })
    void otherUsesOfTheAtSignAreNotAddresses(String text) {
        assertThat(recognizer.recognize(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "tsangchun/9@outlook.com", "wong|i1y07@gmail.com", "lee.mk@gmail,com",
            "chan@clinic . com . hk", "kk_tang79 @ netvigator . com" })
    void findsAddressesAsOcrMisreadsThemWhole(String read) {
        String text = "Contact: " + read + " (daughter)";
        assertThat(recognizer.recognize(text)).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo(read);
            assertThat(f.confidence()).isEqualTo(0.9);
            assertThat(f.reason()).startsWith("OCR-tolerant match");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "BP 120/80 @ 10.30 am", "3/4 @ rest, then walk", "seen @ 10:30, stable",
            "HbA1c 7.2 %, eGFR 71, K 4.1", "ratio 1/2@3.5mg" })
    void toleranceFindsNoAddressInClinicalValues(String text) {
        assertThat(recognizer.recognize(text)).isEmpty();
    }

    @Test
    void aCommaAfterAnAddressIsNotReadAsItsDot() {
        assertThat(recognizer.recognize("email a.chan@clinic.hk, then call")).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo("a.chan@clinic.hk");
            assertThat(f.confidence()).isEqualTo(0.99);
        });
    }
}
