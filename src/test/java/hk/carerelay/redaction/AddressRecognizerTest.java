package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRecognizerTest {

    private final AddressRecognizer recognizer = new AddressRecognizer();

    private List<String> found(String text) {
        return recognizer.recognize(text).stream().map(Finding::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Flat 5, 12/F, Block B, Kwong Ming Court, Kwun Tong, Kowloon",
            "Rm 1203, 12/F, Tower 2, Metroplaza, 223 Hing Fong Road, Kwai Chung, N.T.",
            "G/F, 15 Tai Nan Street, Sham Shui Po",
            "Flat D, 8th Floor, Wing On Building, 88 Nathan Road, Tsim Sha Tsui",
            "FLAT 17, 9/F, KAI YIN HOUSE, KAI YIP ESTATE, KOWLOON BAY, KOWLOON",
            "Room 8, 3rd Floor, 15 Yen Chow Street, Sham Shui Po",
            "30-32 Ngan Shing Street, Sha Tin, New Territories",
            "House 12, Shui Tau Tsuen, Kam Tin, Yuen Long, N.T.",
            "DD 109 Lot 2231, Pat Heung, Yuen Long",
            "Apartment 5A, Tower 1, The Leighton Hill, 2B Broadwood Road, Happy Valley",
            "Lok Fu Estate, Kowloon" })
    void findsEnglishAddressesWhole(String address) {
        assertThat(found("Lives at:\n" + address + "\nHbA1c 7.2 %")).containsExactly(address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "九龍觀塘翠屏道28號翠屏邨翠楠樓12樓1203室", "新界沙田大圍美田路33號美松苑B座15樓8室",
            "香港中西區干諾道西100號", "香港仔華富邨華昌樓15樓1512室", "新界元朗教育路12號地下",
            "九龍旺角彌敦道688號旺角中心1期12樓1205室", "荃灣沙咀道328號寶石大廈地下G12號舖", "九龍 深水埗 大埔道 180號 3樓 B室" })
    void findsChineseAddressesWhole(String address) {
        assertThat(found("病人現居於" + address + "，")).containsExactly(address);
        assertThat(found("住址：" + address + "\n")).containsExactly(address);
    }

    @Test
    void anAddressOverSeveralLinesIsOneSpan() {
        String address = "Flat 3B, 3/F,\nPo Shing Building,\n8 Kwong Fuk Road,\nTai Po, N.T.";
        assertThat(found("Dr. HUI Po Yee\n" + address + "\n\nDear Dr. Hui,")).containsExactly(address);
    }

    @Test
    void aLabelTakesTheWholeRestOfTheLine() {
        assertThat(found("Address: Harbour View, Flat 2, Tai Wai")).containsExactly("Harbour View, Flat 2, Tai Wai");
        assertThat(recognizer.recognize("地址：九龍樂富邨")).singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.95));
    }

    @Test
    void aBuildingNameAtTheStartOfTheLineBelongsToTheAddress() {
        assertThat(found("Metroplaza, 223 Hing Fong Road, Kwai Chung"))
                .containsExactly("Metroplaza, 223 Hing Fong Road, Kwai Chung");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Requesting location: Ward 7B, 7/F, Block K, Bed 12", "病房：5樓病房 第3號病床（12號床）",
            "Central chest pain radiating to the left arm.", "Seen at Kowloon Hospital clinic.", "沙田醫院 內科",
            "上呼吸道感染（J06.9）", "He grew up on Nathan Road in Jordan and walks in Victoria Park daily.",
            "Phase 2 trial of drug X", "first degree AV block", "insulin 10 units at 9/F clinic", "Hong Kong",
            "覆診：觀塘普通科門診中心", "Room 1208 (private ward), Bed 1", "SpO2 97 % on room air",
            "Dr Stanley Ho, Tai Po" })
    void hospitalLocationsPlaceNamesAndClinicalTextAreNotAddresses(String text) {
        assertThat(found(text)).isEmpty();
    }

    @Test
    void addressesNextToContactDetailsEndWhereTheyEnd() {
        assertThat(found("Lives: Flat 1203, Wah Lok House, Lok Wah Estate, Ngau Tau Kok, Kln. Tel 2345 6789"))
                .containsExactly("Flat 1203, Wah Lok House, Lok Wah Estate, Ngau Tau Kok, Kln");
    }

    @Test
    void anEstateNameThatOcrBrokeOverABlankLineIsStillOneAddress() {
        String text = "Address: Room 1105, 11th Floor, Tower 4, Cheung\n\nHong Estate, Tai Po, N.T.\nThank you";
        assertThat(recognizer.recognize(text)).singleElement().satisfies(f -> {
            assertThat(f.text()).isEqualTo("Room 1105, 11th Floor, Tower 4, Cheung\n\nHong Estate, Tai Po, N.T.");
            assertThat(f.reason()).startsWith("OCR-tolerant match");
            assertThat(f.confidence()).isEqualTo(0.95);
        });
        String unlabelled = "Lives at Flat E, 7/F, Block B, Wah\nFu Estate, Pok Fu Lam";
        assertThat(recognizer.recognize(unlabelled)).singleElement().satisfies(
                f -> assertThat(f.text()).isEqualTo("Flat E, 7/F, Block B, Wah\nFu Estate, Pok Fu Lam"));
    }

    @Test
    void aDiagnosisAtTheEndOfTheLineAboveAnEstateIsNotPartOfIt() {
        for (String text : List.of("PMH: DM, HT, Hyperlipidaemia\nWah Fu Estate, Pok Fu Lam, Flat 3",
                "Known Hypertension\n\nWah Fu Estate, Flat 3, 7/F",
                "Assessment 12/03/2024, Diabetes\nLok Fu Estate, Flat 2, 3/F")) {
            assertThat(recognizer.recognize(text)).allSatisfy(f -> {
                assertThat(f.text()).doesNotContain("Hyperlipidaemia", "Hypertension", "Diabetes", "12/03/2024");
                assertThat(f.reason()).doesNotContain("OCR");
            });
        }
    }

    @Test
    void aStreetOrRegionBrokenOverALineIsStillPartOfTheAddress() {
        assertThat(recognizer.recognize("Reply to Dr Leung, Shop 12, G/F, Fortune Plaza, 4\nOn Chee Road, Tai Po\nPatient:"))
                .singleElement().satisfies(f -> {
                    assertThat(f.text()).isEqualTo("Shop 12, G/F, Fortune Plaza, 4\nOn Chee Road, Tai Po");
                    assertThat(f.reason()).startsWith("OCR-tolerant match");
                });
        assertThat(recognizer.recognize("Address: Flat E, 7/F, Block B, Wah Fu Estate, Pok Fu Lam, Hong\nKong\n\nSeen"))
                .singleElement().satisfies(f -> assertThat(f.text()).endsWith("Pok Fu Lam, Hong\nKong"));
        assertThat(recognizer.recognize("Shop 12, G/F, Fortune Plaza, 4 On Chee Road, Tai\nPo\nPatient: Mr NG"))
                .singleElement().satisfies(f -> assertThat(f.text()).endsWith("On Chee Road, Tai\nPo"));
        assertThat(recognizer.recognize("Room 1502, 15/F, Silvercord Tower 2, 30 Canton\nRoad, Tsim Sha Tsui"))
                .singleElement().satisfies(f -> assertThat(f.text()).endsWith("30 Canton\nRoad, Tsim Sha Tsui"));
    }

    @Test
    void aNumberAtTheEndOfALineDoesNotMakeAnAddressOfTheNextOnItsOwn() {
        assertThat(recognizer.recognize("Seen on 12\nMarch Road traffic accident, GCS 15, BP 120/80")).isEmpty();
        assertThat(recognizer.recognize("Haemoglobin 12\nNew patient, Hong Kong resident")).isEmpty();
        assertThat(recognizer.recognize("Referred by Mr CHAN Tai\nPo Leung Kuk volunteer")).isEmpty();
    }
}
