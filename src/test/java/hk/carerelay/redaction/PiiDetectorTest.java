package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import hk.carerelay.shared.SharedWork;

class PiiDetectorTest {

    private static final String LETTER = """
            Re: Mr CHAN Tai Man, HKID A123456(3), DOB 03/05/1958
            Address: Flat 5, 12/F, Block B, Kwong Ming Court, Kwun Tong, Kowloon
            Tel: 9123 4567   Email: chan.tm@gmail.com   Passport: K12345678
            Dx: stable angina (I20.9), T2DM (E11.65); HbA1c 7.2 %, LDL 3.4 mmol/L; Lab No. 24123456
            Plan: metformin 500 mg bd.
            """;

    private final PiiDetector detector = PiiDetector.withStandardRecognizers(RedactionProperties.defaults());

    @Test
    void findsEachTypeOnceSortedAndWithoutOverlap() {
        List<Finding> found = detector.detect(LETTER);
        assertThat(found).extracting(Finding::type).containsExactly(PiiType.NAME, PiiType.HKID,
                PiiType.DATE_OF_BIRTH, PiiType.ADDRESS, PiiType.PHONE, PiiType.EMAIL, PiiType.PASSPORT);
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).start()).isGreaterThanOrEqualTo(found.get(i - 1).end());
        }
    }

    @Test
    void twoThreadsFindExactlyWhatOneThreadFinds() {
        List<PiiRecognizer> recognizers = standardRecognizers();
        RedactionProperties everything = new RedactionProperties(EnumSet.allOf(PiiType.class), 0.0);
        PiiDetector oneThread = new PiiDetector(recognizers, everything, Integer.MAX_VALUE);
        PiiDetector twoThreads = new PiiDetector(recognizers, everything, 0);
        List<RedactionCorpus.Document> corpus = RedactionCorpus.load();
        for (RedactionCorpus.Document d : corpus) {
            assertThat(twoThreads.detect(d.text())).as(d.id()).isEqualTo(oneThread.detect(d.text()));
        }
        String all = corpus.stream().map(RedactionCorpus.Document::text).collect(Collectors.joining("\n\n"));
        List<Finding> expected = oneThread.detect(all);
        assertThat(expected).hasSizeGreaterThan(600);
        for (int round = 0; round < 20; round++) {
            assertThat(twoThreads.detect(all)).isEqualTo(expected);
        }
        // the standard detector shares only a long text's work
        assertThat(all.length()).isGreaterThan(SharedWork.TEXT_WORTH_SHARING);
        assertThat(PiiDetector.withStandardRecognizers(everything).detect(all)).isEqualTo(expected);
    }

    @Test
    void whatFailsOnEitherThreadFailsTheDetection() {
        PiiRecognizer broken = recognizer(text -> {
            throw new IllegalStateException("broken recognizer");
        });
        PiiRecognizer overflowing = recognizer(text -> {
            throw new StackOverflowError("pattern too deep");
        });
        for (int round = 0; round < 20; round++) {
            List<PiiRecognizer> first = new ArrayList<>(standardRecognizers());
            first.add(round % 2 == 0 ? 0 : first.size(), broken);
            assertThatThrownBy(() -> new PiiDetector(first, RedactionProperties.defaults(), 0).detect(LETTER))
                    .isInstanceOf(IllegalStateException.class).hasMessage("broken recognizer");
            List<PiiRecognizer> second = new ArrayList<>(standardRecognizers());
            second.add(round % 2 == 0 ? 0 : second.size(), overflowing);
            assertThatThrownBy(() -> new PiiDetector(second, RedactionProperties.defaults(), 0).detect(LETTER))
                    .isInstanceOf(StackOverflowError.class);
        }
    }

    @Test
    void theFindingsOfARecognizerStillRunningOnTheOtherThreadAreWaitedFor() {
        // two slow recognizers: while the calling thread runs one, the pool's task takes the other
        String text = "Ward 7: Ah Ming and Ah Fong";
        PiiRecognizer first = recognizer(t -> slowly(Finding.of(PiiType.NAME, t, 8, 15, 0.9, "first")));
        PiiRecognizer second = recognizer(t -> slowly(Finding.of(PiiType.NAME, t, 20, 27, 0.9, "second")));
        PiiDetector detector = new PiiDetector(List.of(first, second), RedactionProperties.defaults(), 0);
        for (int round = 0; round < 5; round++) {
            assertThat(detector.detect(text)).extracting(Finding::text).containsExactly("Ah Ming", "Ah Fong");
        }
    }

    private static List<Finding> slowly(Finding finding) {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of(finding);
    }

    private static List<PiiRecognizer> standardRecognizers() {
        return List.of(new HkidRecognizer(), new PassportRecognizer(), new PhoneRecognizer(), new EmailRecognizer(),
                new AddressRecognizer(), new NameRecognizer(), new DateOfBirthRecognizer());
    }

    private static PiiRecognizer recognizer(Function<String, List<Finding>> recognize) {
        return new PiiRecognizer() {
            @Override
            public PiiType type() {
                return PiiType.NAME;
            }

            @Override
            public List<Finding> recognize(String text) {
                return recognize.apply(text);
            }
        };
    }

    @Test
    void theDefaultPolicyMasksContactsAndIdentifiersButKeepsNameAndDateOfBirth() {
        assertThat(detector.toMask(LETTER)).extracting(Finding::type).containsExactly(PiiType.HKID,
                PiiType.ADDRESS, PiiType.PHONE, PiiType.EMAIL, PiiType.PASSPORT);
        String redacted = detector.redact(LETTER);
        assertThat(redacted).contains("Re: Mr CHAN Tai Man, HKID [HKID], DOB 03/05/1958",
                "Address: [ADDRESS]\n", "Tel: [PHONE]   Email: [EMAIL]   Passport: [PASSPORT]",
                "stable angina (I20.9), T2DM (E11.65); HbA1c 7.2 %, LDL 3.4 mmol/L; Lab No. 24123456",
                "metformin 500 mg bd");
        assertThat(redacted).doesNotContain("A123456", "9123", "Kwong Ming", "chan.tm", "K12345678");
    }

    @Test
    void aPolicyCanMaskNamesAndDatesOfBirthToo() {
        PiiDetector strict = PiiDetector.withStandardRecognizers(
                new RedactionProperties(EnumSet.allOf(PiiType.class), 0.5));
        assertThat(strict.redact(LETTER)).startsWith("Re: Mr [NAME], HKID [HKID], DOB [DATE_OF_BIRTH]\n");
    }

    @Test
    void candidatesBelowTheMinimumConfidenceAreNotReported() {
        String text = "see 2023 4567";
        assertThat(detector.detect(text)).isEmpty();
        PiiDetector eager = PiiDetector.withStandardRecognizers(
                new RedactionProperties(RedactionProperties.defaults().maskedTypes(), 0.4));
        assertThat(eager.detect(text)).extracting(Finding::text).containsExactly("2023 4567");
    }

    @Test
    void overlapsGoToTheMoreConfidentThenTheLongerFinding() {
        Finding hkid = new Finding(PiiType.HKID, 10, 20, "A123456(3)", 0.99, "a");
        Finding passport = new Finding(PiiType.PASSPORT, 10, 17, "A123456", 0.9, "b");
        Finding address = new Finding(PiiType.ADDRESS, 0, 30, "x".repeat(30), 0.85, "c");
        Finding name = new Finding(PiiType.NAME, 25, 33, "y".repeat(8), 0.83, "d");
        assertThat(PiiDetector.resolveOverlaps(List.of(passport, hkid))).containsExactly(hkid);
        // within one confidence step the longer span wins: it usually holds the shorter one
        assertThat(PiiDetector.resolveOverlaps(List.of(name, address))).containsExactly(address);
        assertThat(PiiDetector.resolveOverlaps(List.of(name, hkid))).containsExactly(hkid, name);
    }

    @Test
    void aRecognizerAddedToTheListIsUsed() {
        PiiRecognizer bedNames = new PiiRecognizer() {
            @Override
            public PiiType type() {
                return PiiType.NAME;
            }

            @Override
            public List<Finding> recognize(String text) {
                int at = text.indexOf("Ah Ming");
                return at < 0 ? List.of() : List.of(Finding.of(PiiType.NAME, text, at, at + 7, 0.7, "nickname"));
            }
        };
        PiiDetector custom = new PiiDetector(List.of(bedNames), RedactionProperties.defaults());
        assertThat(custom.detect("Bed 3: Ah Ming, 82")).extracting(Finding::text).containsExactly("Ah Ming");
    }

    @Test
    void degenerateTextDoesNotMakeThePatternsBacktrackForLong() {
        // A hang guard, not a measurement (the figures are in docs/performance.md): each input is read in a few
        // seconds at most on a loaded two-core machine, while a pattern that backtracks, or a scan that is quadratic
        // in a run of digit groups (as the phone recognizer's once was: 17 s for 100,000 characters, so some minutes
        // for the 400,000 below), does not end within the bound.
        List<String> inputs = List.of("Aaaa ".repeat(20_000), "2345 ".repeat(80_000), "Flat 1, ".repeat(12_000),
                "陳".repeat(100_000), "道".repeat(50_000) + "1號", "a@".repeat(50_000), "Name: ".repeat(15_000),
                "Dr Chan Tai Man\n".repeat(6_000));
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> inputs.forEach(detector::detect));
    }

    @Test
    void fullWidthLettersAndDigitsAreReadAsTheirAsciiFormsAndReportedAsWritten() {
        String text = "身份證：Ａ１２３４５６（３）\n電話：９１２３ ４５６７\n電郵：ｃｈａｎ＠ｇｍａｉｌ．ｃｏｍ\nHbA1c 7.2 %";
        assertThat(detector.detect(text)).extracting(Finding::type, Finding::text).containsExactly(
                tuple(PiiType.HKID, "Ａ１２３４５６（３）"), tuple(PiiType.PHONE, "９１２３ ４５６７"),
                tuple(PiiType.EMAIL, "ｃｈａｎ＠ｇｍａｉｌ．ｃｏｍ"));
        assertThat(detector.redact(text)).isEqualTo("身份證：[HKID]\n電話：[PHONE]\n電郵：[EMAIL]\nHbA1c 7.2 %");
        assertThat(PiiDetector.foldWidth("ＨＮ１２ 中文（）")).isEqualTo("HN12 中文()");
    }

    @Test
    void nothingIsFoundInNothing() {
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
        assertThat(detector.redact("HbA1c 7.2 %")).isEqualTo("HbA1c 7.2 %");
    }

    @Test
    void maskingRefusesOverlappingOrForeignFindings() {
        String text = "Tel 9123 4567";
        Finding phone = Finding.of(PiiType.PHONE, text, 4, 13, 0.95, "x");
        assertThat(Masking.mask(text, List.of(phone))).isEqualTo("Tel [PHONE]");
        assertThatThrownBy(() -> Masking.mask(text, List.of(phone, Finding.of(PiiType.PHONE, text, 5, 9, 0.9, "y"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Masking.mask("Tel 0000 0000", List.of(phone)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFindingMustDescribeItsOwnSpan() {
        assertThatThrownBy(() -> new Finding(PiiType.HKID, 3, 2, "", 0.9, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding(PiiType.HKID, 0, 3, "ab", 0.9, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding(PiiType.HKID, 0, 2, "ab", 1.5, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersThatOcrMisreadLetterForDigitAreFoundWhereThePageShowsThem() {
        String text = "HKID: A12345O(4)\nID card A123456C3)\nTel: 9l23 4S67\nMobile 6OO1 2345";
        List<Finding> found = detector.detect(text);
        assertThat(found).extracting(Finding::type, Finding::text).containsExactly(
                tuple(PiiType.HKID, "A12345O(4)"), tuple(PiiType.HKID, "A123456C3)"),
                tuple(PiiType.PHONE, "9l23 4S67"), tuple(PiiType.PHONE, "6OO1 2345"));
        assertThat(found).allSatisfy(f -> {
            assertThat(f.reason()).startsWith("OCR-tolerant match (");
            assertThat(f.text()).isEqualTo(text.substring(f.start(), f.end()));
        });
        assertThat(found.get(0).reason()).contains("O read as 0").contains("after an ID label");
        assertThat(found.get(0).confidence()).isEqualTo(0.89, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(detector.redact(text)).isEqualTo("HKID: [HKID]\nID card [HKID]\nTel: [PHONE]\nMobile [PHONE]");
    }

    @Test
    void toleranceLeavesLabValuesCodesDosesAndDatesAlone() {
        String text = """
                Lab No. 2O24 1234; Ref: 9l23 4S67; Accession 5OO1 2345
                ICD-10 I10, I48.0, E11.65; Vitamin B12 1OOO mcg; Glucose 5.O mmol/L; HBV DNA 2OOO 1234 IU/mL
                Seen 12/O3/2024 and 2O24O312; time 213O-2230; Ward 9B Bed 12; HKID A12345O(3)""";
        assertThat(detector.detect(text)).isEmpty();
    }
}
