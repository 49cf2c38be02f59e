package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import hk.carerelay.redaction.RedactionCorpus.Document;
import hk.carerelay.redaction.RedactionCorpus.Keep;
import hk.carerelay.redaction.RedactionCorpus.Label;

/**
 * Measures the detector against the labelled corpus (see {@link RedactionCorpus}) and prints per-type recall and
 * precision.
 *
 * <p>A label counts as found when findings of its type cover its characters: all of them for identifiers, phone
 * numbers and e-mail addresses (a partly masked number still leaks), at least 90 % of the non-blank ones for
 * addresses, names and dates of birth. A finding counts as correct when it overlaps a label of its type.
 */
class RedactionQualityTest {

    private static final double ADDRESS_LIKE_COVERAGE = 0.90;

    private static List<Document> corpus;
    private static final Map<PiiType, int[]> COUNTS = new EnumMap<>(PiiType.class);
    private static final List<String> MISSED = new ArrayList<>();
    private static final List<String> WRONG = new ArrayList<>();
    private static final List<String> DAMAGED = new ArrayList<>();
    private static long addressChars;
    private static long addressCharsCovered;

    @BeforeAll
    static void measure() {
        corpus = RedactionCorpus.load();
        PiiDetector detector = PiiDetector.withStandardRecognizers(RedactionProperties.defaults());
        for (PiiType type : PiiType.values()) {
            COUNTS.put(type, new int[4]); // labels, labels found, findings, findings correct
        }
        for (Document doc : corpus) {
            List<Finding> findings = detector.detect(doc.text());
            for (Label label : doc.labels()) {
                int[] c = COUNTS.get(label.type());
                c[0]++;
                double coverage = coverage(doc.text(), label.start(), label.end(), findings, label.type());
                if (label.type() == PiiType.ADDRESS) {
                    long nonBlank = nonBlank(doc.text(), label.start(), label.end());
                    addressChars += nonBlank;
                    addressCharsCovered += Math.round(coverage * nonBlank);
                }
                if (coverage >= required(label.type())) {
                    c[1]++;
                } else {
                    MISSED.add(String.format(Locale.ROOT, "%s %s %.0f%% \"%s\"", doc.id(), label.type(),
                            coverage * 100, label.text().replace("\n", "\\n")));
                }
            }
            for (Finding f : findings) {
                int[] c = COUNTS.get(f.type());
                c[2]++;
                boolean correct = doc.labels(f.type()).stream()
                        .anyMatch(l -> l.start() < f.end() && f.start() < l.end());
                if (correct) {
                    c[3]++;
                } else {
                    WRONG.add(doc.id() + " " + f.type() + " \"" + f.text().replace("\n", "\\n") + "\" (" + f.reason()
                            + ")");
                }
            }
            List<Finding> masked = detector.toMask(findings);
            for (Keep keep : doc.keep()) {
                masked.stream().filter(f -> f.start() < keep.end() && keep.start() < f.end()).findFirst()
                        .ifPresent(f -> DAMAGED.add(doc.id() + " \"" + keep.text() + "\" masked as " + f.type()
                                + " \"" + f.text().replace("\n", "\\n") + "\""));
            }
        }
        print();
    }

    @Test
    void corpusIsLargeEnoughToMeanSomething() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        assertThat(corpus.stream().mapToInt(d -> d.labels().size()).sum()).isGreaterThanOrEqualTo(300);
        assertThat(corpus.stream().mapToInt(d -> d.keep().size()).sum()).isGreaterThanOrEqualTo(300);
        for (PiiType type : List.of(PiiType.HKID, PiiType.PASSPORT, PiiType.PHONE, PiiType.EMAIL, PiiType.ADDRESS)) {
            assertThat(COUNTS.get(type)[0]).as("labels of %s", type).isGreaterThanOrEqualTo(25);
        }
    }

    @Test
    void identifiersAndContactsAreFoundAlmostAlways() {
        assertThat(recall(PiiType.HKID)).as("HKID recall; missed: %s", MISSED).isGreaterThanOrEqualTo(0.99);
        assertThat(recall(PiiType.PASSPORT)).as("passport recall; missed: %s", MISSED).isGreaterThanOrEqualTo(0.99);
        assertThat(recall(PiiType.PHONE)).as("phone recall; missed: %s", MISSED).isGreaterThanOrEqualTo(0.99);
        assertThat(recall(PiiType.EMAIL)).as("e-mail recall; missed: %s", MISSED).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void addressesAreFound() {
        assertThat(recall(PiiType.ADDRESS)).as("address recall; missed: %s", MISSED).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void whatIsMaskedIsPersonalData() {
        for (PiiType type : List.of(PiiType.HKID, PiiType.PASSPORT, PiiType.PHONE, PiiType.EMAIL, PiiType.ADDRESS)) {
            assertThat(precision(type)).as("%s precision; wrong: %s", type, WRONG).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void namesAndDatesOfBirthAreFoundWellEnoughForAPolicyThatMasksThem() {
        assertThat(recall(PiiType.DATE_OF_BIRTH)).as("date of birth recall; missed: %s", MISSED)
                .isGreaterThanOrEqualTo(0.95);
        assertThat(precision(PiiType.DATE_OF_BIRTH)).as("date of birth precision; wrong: %s", WRONG)
                .isGreaterThanOrEqualTo(0.95);
        assertThat(recall(PiiType.NAME)).as("name recall; missed: %s", MISSED).isGreaterThanOrEqualTo(0.80);
        assertThat(precision(PiiType.NAME)).as("name precision; wrong: %s", WRONG).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void noClinicalStringIsMasked() {
        assertThat(DAMAGED).isEmpty();
    }

    private static double required(PiiType type) {
        return switch (type) {
            case ADDRESS, NAME, DATE_OF_BIRTH -> ADDRESS_LIKE_COVERAGE;
            default -> 1.0;
        };
    }

    private static double coverage(String text, int start, int end, List<Finding> findings, PiiType type) {
        long total = 0;
        long covered = 0;
        for (int i = start; i < end; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                continue;
            }
            total++;
            int at = i;
            if (findings.stream().anyMatch(f -> f.type() == type && f.start() <= at && at < f.end())) {
                covered++;
            }
        }
        return total == 0 ? 1.0 : (double) covered / total;
    }

    private static long nonBlank(String text, int start, int end) {
        return text.substring(start, end).chars().filter(c -> !Character.isWhitespace(c)).count();
    }

    private static double recall(PiiType type) {
        int[] c = COUNTS.get(type);
        return c[0] == 0 ? 1.0 : (double) c[1] / c[0];
    }

    private static double precision(PiiType type) {
        int[] c = COUNTS.get(type);
        return c[2] == 0 ? 1.0 : (double) c[3] / c[2];
    }

    private static void print() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Redaction quality on %d documents, %d labels, %d clinical strings%n",
                corpus.size(), corpus.stream().mapToInt(d -> d.labels().size()).sum(),
                corpus.stream().mapToInt(d -> d.keep().size()).sum()));
        out.append(String.format(Locale.ROOT, "%-14s %6s %6s %8s %8s %9s %10s%n", "type", "labels", "found",
                "findings", "correct", "recall", "precision"));
        for (PiiType type : PiiType.values()) {
            int[] c = COUNTS.get(type);
            out.append(String.format(Locale.ROOT, "%-14s %6d %6d %8d %8d %9.3f %10.3f%n", type, c[0], c[1], c[2], c[3],
                    recall(type), precision(type)));
        }
        out.append(String.format(Locale.ROOT, "address characters covered: %.3f%n",
                addressChars == 0 ? 1.0 : (double) addressCharsCovered / addressChars));
        out.append("clinical strings masked: ").append(DAMAGED.size()).append('\n');
        MISSED.forEach(m -> out.append("  missed: ").append(m).append('\n'));
        WRONG.forEach(w -> out.append("  wrong:  ").append(w).append('\n'));
        DAMAGED.forEach(d -> out.append("  damaged: ").append(d).append('\n'));
        System.out.print(out);
    }
}
