package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class TextScanTest {

    private static final Cue ROAD = Cue.of("road", Cue.WORD_START | Cue.WORD_END, "road", "rd");
    private static final Cue HAN = Cue.of("han", 0, "大廈", "廈門", "號");
    private static final Cue CAPS = Cue.of("caps", Cue.WORD_START | Cue.UPPER, "chan");
    private static final Cue RE = Cue.of("re", Cue.WORD_START | Cue.COLON_AFTER, "re");

    private final TextScan.Keywords keywords = new TextScan.Keywords(List.of(ROAD, HAN, CAPS, RE));

    @Test
    void findsEveryCueWordInOnePassWithItsFlags() {
        String text = "12 Nathan Road, ROAD's end, Broadway; 3rd Rd.\n華廈門大廈12號 CHAN Tai Man, Chan, re: Re referred";
        TextScan scan = TextScan.of(text, keywords);
        assertThat(spans(text, scan.hits(ROAD))).containsExactly("Road", "ROAD", "Rd");
        assertThat(spans(text, scan.hits(HAN))).containsExactly("廈門", "大廈", "號");
        assertThat(spans(text, scan.hits(CAPS))).containsExactly("CHAN");
        assertThat(spans(text, scan.hits(RE))).containsExactly("re");
        assertThat(scan.runCount()).isEqualTo(3);
        assertThat(text.substring(scan.runStart(2), scan.runEnd(2))).isEqualTo("12");
        assertThat(scan.lineStart(text.indexOf('華'))).isEqualTo(text.indexOf('華'));
        assertThat(scan.lineEnd(0)).isEqualTo(text.indexOf('\n'));
    }

    @Test
    void aWordBoundaryIsAskedOnlyOfWordsInLatinLetters() {
        Cue phone = Cue.of("phone", Cue.WORD_START, "電話", "tel");
        TextScan scan = TextScan.of("公司電話 hotel tel", new TextScan.Keywords(List.of(phone)));
        assertThat(spans("公司電話 hotel tel", scan.hits(phone))).containsExactly("電話", "tel");
    }

    @Test
    void windowsFindWhatAScanOfTheWholeTextFinds() {
        // every recognizer, every type reported, every document of the corpus alone and all of them as one text
        PiiDetector detector = PiiDetector.withStandardRecognizers(
                new RedactionProperties(EnumSet.allOf(PiiType.class), 0.0));
        List<RedactionCorpus.Document> corpus = RedactionCorpus.load();
        for (RedactionCorpus.Document d : corpus) {
            assertThat(detector.detect(d.text(), false)).as(d.id()).isEqualTo(detector.detect(d.text(), true));
        }
        String all = corpus.stream().map(RedactionCorpus.Document::text).collect(Collectors.joining("\n\n"));
        List<Finding> windowed = detector.detect(all, false);
        assertThat(windowed).hasSizeGreaterThan(600).isEqualTo(detector.detect(all, true));
    }

    @Test
    void windowsAreExactAtTheEdgesOfLinesAndText() {
        PiiDetector detector = PiiDetector.withStandardRecognizers(
                new RedactionProperties(EnumSet.allOf(PiiType.class), 0.0));
        for (String text : List.of("A123456(3)", "9123 4567", "a@b.hk", "Flat 3, 12/F, Block B\nKwong Ming Court",
                "Tel:\n9123 4567", "Yours sincerely,\n\nDr CHAN Tai Man", "Name:\n\nCHAN Tai Man",
                "+852 9123 4567 and (852) 2345-6789", "DOB 03/05/1958", "出生日期：1943年2月17日",
                "九龍旺角彌敦道123號4樓A室", "陳大文先生", "Passport No.:\nE12345678", "D.D. 123 Lot 456",
                "Best regards,\nAngela Ip", "12 Tsui Ping Road\nKwun Tong", "H12345678", "Ward 7 Bed 12")) {
            assertThat(detector.detect(text, false)).as(text).isEqualTo(detector.detect(text, true));
        }
    }

    private static List<String> spans(String text, int[] hits) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < hits.length; i += 2) {
            out.add(text.substring(hits[i], hits[i + 1]));
        }
        return out;
    }
}
