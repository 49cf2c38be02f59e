package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameRecognizerTest {

    private final NameRecognizer recognizer = new NameRecognizer();

    private List<String> found(String text) {
        return recognizer.recognize(text).stream().map(Finding::text).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "Re: Mr CHAN Tai Man (M/67)|CHAN Tai Man", "Dear Dr Wong,|Wong",
            "Patient: WONG Siu Fung|WONG Siu Fung", "Name: TSUI, MAN KIT   SEX: M|TSUI, MAN KIT",
            "Ms. Candy SO, candy.so@outlook.com|Candy SO", "病人姓名：蔡詠詩（|蔡詠詩", "請致電病人女兒區美玲女士|區美玲",
            "鄧建輝醫生|鄧建輝", "醫生：梁國華|梁國華", "Results phoned to Sister Stanley Ho at the ward|Stanley Ho",
            "Mrs Elaine KAM (née Tong)|Elaine KAM", "His daughter Jenny Tsang can be reached|Jenny Tsang" })
    void findsNamesWhereTheTextSaysTheyAreNames(String text, String name) {
        assertThat(found(text)).contains(name);
    }

    @Test
    void findsTheSignatureAndOtherOccurrencesOfAName() {
        String letter = "From: Dr Angela Ip <a@b.hk>\n\nPlease see him.\n\nYours sincerely,\n\nKenneth Wong\nMBBS\n"
                + "cc Angela Ip";
        assertThat(found(letter)).containsExactly("Angela Ip", "Kenneth Wong", "Angela Ip");
    }

    @Test
    void findsTheChineseNameWrittenAfterTheEnglishOne() {
        assertThat(found("Resident: YIM Hon Wing 嚴漢榮, M, 88")).containsExactly("YIM Hon Wing", "嚴漢榮");
    }

    @Test
    void stopsBeforeWordsThatAreNotPartOfTheName() {
        assertThat(found("Patient: CHAN Tai Man HKID A123456(3)")).containsExactly("CHAN Tai Man");
        assertThat(found("Dr Wong Clinic, Tel 2345 6789")).containsExactly("Wong");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Diagnosis: Stable angina", "CXR Clear lungs", "metformin 500 mg bd", "主診醫生",
            "李醫生", "Central chest pain", "HbA1c 7.2 %", "ICD-10: E11.65, I20.9" })
    void clinicalTextIsNotAName(String text) {
        assertThat(found(text)).isEmpty();
    }
}
