package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import hk.carerelay.redaction.Finding;
import hk.carerelay.redaction.PiiDetector;
import hk.carerelay.redaction.PiiType;
import hk.carerelay.redaction.RedactionCorpus;
import hk.carerelay.redaction.RedactionProperties;

/**
 * The redaction corpus again, but as the files people upload: every letter as a Word document and as a text PDF, and
 * a sample as scanned pages, each read back through the extractor (Tika, Tesseract for the scans) before detection.
 * A label must be found in the text that came out of the file, as written or as OCR garbled it, and be covered by
 * what the policy masks (a value the reading lost, or garbled and left unmasked, counts as missed, since it would stay
 * visible); clinical strings must come out unmasked, misread or not. Figures per type and per kind of file are
 * printed and copied to docs/redaction.md.
 */
class RedactionQualityOnFilesTest {

    private static final Set<PiiType> MASKED = Set.of(PiiType.HKID, PiiType.PASSPORT, PiiType.PHONE, PiiType.EMAIL,
            PiiType.ADDRESS);
    /** Scanning is slow (seconds a page): a sample of the shorter letters, and the letters written to be scanned. */
    private static final int SCANNED_SAMPLE = 6;
    private static final int SCAN_LETTERS = 4;

    private static DocumentExtractor extractor;
    private static final PiiDetector DETECTOR = PiiDetector.withStandardRecognizers(RedactionProperties.defaults());
    private static final Map<String, Map<PiiType, int[]>> RESULTS = new java.util.LinkedHashMap<>();
    private static final Map<String, List<String>> MISSED = new java.util.LinkedHashMap<>();
    private static final Map<String, int[]> KEPT = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void start() {
        extractor = new DocumentExtractor(DocumentLimits.defaults());
    }

    @AfterAll
    static void stop() {
        extractor.destroy();
        RESULTS.forEach((kind, byType) -> {
            StringBuilder line = new StringBuilder(kind + ":");
            byType.forEach((type, c) -> line.append(String.format(Locale.ROOT, " %s %d/%d=%.3f (precision %d/%d)",
                    type, c[1], c[0], c[0] == 0 ? 1.0 : (double) c[1] / c[0], c[3], c[2])));
            int[] kept = KEPT.get(kind);
            line.append(String.format(Locale.ROOT, "; clinical strings kept %d/%d, masked %d", kept[1], kept[0],
                    kept[2]));
            System.out.println("REDACTION ON FILES " + line);
        });
        MISSED.forEach((kind, missed) -> missed.forEach(m -> System.out.println("MISSED " + kind + " " + m)));
    }

    /** Lines of at most {@code width} characters, broken at spaces, so that no text runs off a page. */
    private static String wrapped(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                if (current.length() > 0 && current.length() + 1 + word.length() > width) {
                    out.append(current).append('\n');
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(word);
            }
            out.append(current).append('\n');
        }
        return out.toString();
    }

    private static String[] pages(String text, int linesPerPage) {
        List<String> lines = text.lines().toList();
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += linesPerPage) {
            pages.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + linesPerPage))));
        }
        return pages.toArray(String[]::new);
    }

    private static Pattern flexible(String value) {
        String[] tokens = value.strip().split("\\s+");
        StringBuilder regex = new StringBuilder();
        for (String token : tokens) {
            if (regex.length() > 0) {
                regex.append("\\s*");
            }
            regex.append(Pattern.quote(token));
        }
        return Pattern.compile(regex.toString());
    }

    private static void measure(String kind, List<RedactionCorpus.Document> documents,
            Function<String, byte[]> file) {
        // per type: labels, labels removed, masked findings, masked findings on a label of their type
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class);
        MASKED.forEach(t -> counts.put(t, new int[4]));
        List<String> missed = new ArrayList<>();
        int[] kept = new int[3];
        for (RedactionCorpus.Document doc : documents) {
            String text = extractor.extract(file.apply(doc.text())).text();
            List<Finding> masked = DETECTOR.toMask(DETECTOR.detect(text));
            List<Finding> labelled = new ArrayList<>();
            for (RedactionCorpus.Label label : doc.labels()) {
                if (!MASKED.contains(label.type())) {
                    continue;
                }
                int[] c = counts.get(label.type());
                c[0]++;
                boolean covered = false;
                for (int[] at : occurrences(text, label.text())) {
                    labelled.add(new Finding(label.type(), at[0], at[1], text.substring(at[0], at[1]), 1, "label"));
                    covered |= coverage(text, at[0], at[1], masked, label.type())
                            >= (label.type() == PiiType.ADDRESS ? 0.90 : 1.0);
                }
                if (covered) {
                    c[1]++;
                } else {
                    missed.add(doc.id() + " " + label.type() + " \"" + label.text().replace("\n", "\\n") + "\"");
                }
            }
            for (Finding f : masked) {
                int[] c = counts.get(f.type());
                c[2]++;
                if (labelled.stream().anyMatch(l -> l.type() == f.type() && l.overlaps(f))) {
                    c[3]++;
                } else {
                    missed.add(doc.id() + " FALSE " + f.type() + " \"" + f.text().replace("\n", "\\n") + "\"");
                }
            }
            for (RedactionCorpus.Keep keep : doc.keep()) {
                kept[0]++;
                Matcher m = flexible(keep.text()).matcher(text);
                boolean found = false;
                boolean intact = false;
                while (m.find() && !intact) {
                    found = true;
                    intact = unmasked(masked, m.start(), m.end());
                }
                if (!found && keep.text().strip().length() >= 6) {
                    // misread by OCR ("x10^9/L" as "x1049/L"): lost to the reader, but it must not be masked either
                    for (int[] at : approximately(text, keep.text())) {
                        found |= !unmasked(masked, at[0], at[1]);
                    }
                }
                if (intact) {
                    kept[1]++;
                } else if (found) {
                    kept[2]++;
                    missed.add(doc.id() + " CLINICAL \"" + keep.text() + "\" masked");
                } else {
                    missed.add(doc.id() + " CLINICAL \"" + keep.text() + "\" not in the extracted text (misread)");
                }
            }
        }
        RESULTS.put(kind, counts);
        MISSED.put(kind, missed);
        KEPT.put(kind, kept);
    }

    private static double precision(int[] counts) {
        return counts[2] == 0 ? 1.0 : (double) counts[3] / counts[2];
    }

    private static boolean unmasked(List<Finding> masked, int start, int end) {
        return masked.stream().noneMatch(f -> f.start() < end && start < f.end());
    }

    /**
     * Where a label stands in the text that came out of the file: as written (line breaks and spacing aside), or else
     * as OCR garbled it. A garbled value that is masked is still hidden on the page, so it counts as removed; one that
     * is not masked counts as missed.
     */
    private static List<int[]> occurrences(String text, String value) {
        List<int[]> found = new ArrayList<>();
        Matcher m = flexible(value).matcher(text);
        while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
        }
        return found.isEmpty() ? approximately(text, value) : found;
    }

    /**
     * The stretches of the text, spaces left out, closest to the value (spaces left out) by edit distance, if that
     * distance is at most one character in ten (at least one): where OCR has misread a character or two of it.
     */
    private static List<int[]> approximately(String text, String value) {
        String wanted = value.replaceAll("\\s+", "");
        StringBuilder letters = new StringBuilder();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                letters.append(text.charAt(i));
                positions.add(i);
            }
        }
        int allowed = Math.max(1, wanted.length() / 10);
        int best = allowed + 1;
        List<int[]> found = new ArrayList<>();
        for (int from = 0; from < letters.length(); from++) {
            for (int length = wanted.length() - allowed; length <= wanted.length() + allowed; length++) {
                if (length <= 0 || from + length > letters.length()) {
                    continue;
                }
                int distance = editDistance(wanted, letters, from, from + length);
                if (distance < best) {
                    best = distance;
                    found.clear();
                }
                if (distance == best) {
                    found.add(new int[] {positions.get(from), positions.get(from + length - 1) + 1});
                }
            }
        }
        return best <= allowed ? found : List.of();
    }

    private static int editDistance(String a, CharSequence b, int from, int to) {
        int[] previous = new int[to - from + 1];
        int[] current = new int[to - from + 1];
        for (int j = 0; j < previous.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j < current.length; j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(from + j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[previous.length - 1];
    }

    private static double coverage(String text, int start, int end, List<Finding> findings, PiiType type) {
        int chars = 0;
        int covered = 0;
        for (int i = start; i < end; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                continue;
            }
            chars++;
            int at = i;
            if (findings.stream().anyMatch(f -> f.type() == type && f.start() <= at && at < f.end())) {
                covered++;
            }
        }
        return chars == 0 ? 0 : (double) covered / chars;
    }

    private static void assertQuality(String kind, double identifiers, double addresses, double clinical) {
        // identifiers: HKID, passport, phone and e-mail; addresses: ADDRESS; clinical: share of clinical strings intact
        Map<PiiType, int[]> counts = RESULTS.get(kind);
        for (PiiType type : MASKED) {
            int[] c = counts.get(type);
            double recall = c[0] == 0 ? 1.0 : (double) c[1] / c[0];
            assertThat(recall).as(kind + " recall of " + type + ", missed: " + MISSED.get(kind))
                    .isGreaterThanOrEqualTo(type == PiiType.ADDRESS ? addresses : identifiers);
            assertThat(precision(c)).as(kind + " precision of " + type + ": " + MISSED.get(kind))
                    .isGreaterThanOrEqualTo(0.95);
        }
        int[] kept = KEPT.get(kind);
        assertThat((double) kept[1] / kept[0]).as(kind + " clinical strings kept").isGreaterThanOrEqualTo(clinical);
    }

    @Test
    void wordDocumentsAndTextPdfsAreRedactedAsWellAsPlainText() {
        List<RedactionCorpus.Document> corpus = RedactionCorpus.load();
        measure("DOCX", corpus, text -> TestDocuments.docx(text.split("\n")));
        measure("text PDF", corpus, text -> TestDocuments.textPdf(pages(wrapped(text, 80), 44)));
        assertQuality("DOCX", 0.99, 0.95, 1.0);
        assertQuality("text PDF", 0.99, 0.95, 1.0);
    }

    @Test
    void scannedLettersAreRedactedAfterOcr() {
        List<RedactionCorpus.Document> corpus = RedactionCorpus.load();
        List<RedactionCorpus.Document> sample = new ArrayList<>(corpus.stream()
                .filter(d -> !d.labels().isEmpty() && d.text().length() < 1400)
                .filter(d -> d.text().chars().allMatch(c -> c < 0x2E80))
                .limit(SCANNED_SAMPLE).toList());
        assertThat(sample).hasSize(SCANNED_SAMPLE);
        // and the letters written to be scanned
        sample.addAll(corpus.stream().filter(d -> d.id().contains("-scan-")).toList());
        assertThat(sample).hasSize(SCANNED_SAMPLE + SCAN_LETTERS);
        measure("scanned PDF", sample, text -> TestDocuments.scannedPdf(pages(wrapped(text, 50), 19)));
        // Held to the goal for every masked type, as Word documents and text PDFs are. Values that OCR misread are
        // found where the page shows them (OCR-tolerant matching, ADR 0012) or count as missed.
        Map<PiiType, int[]> counts = RESULTS.get("scanned PDF");
        for (PiiType type : MASKED) {
            int[] c = counts.get(type);
            assertThat((double) c[1] / c[0]).as("scanned recall of " + type + ", missed: " + MISSED.get("scanned PDF"))
                    .isGreaterThanOrEqualTo(type == PiiType.ADDRESS ? 0.95 : 0.99);
            assertThat(precision(c)).as("scanned precision of " + type + ": " + MISSED.get("scanned PDF"))
                    .isGreaterThanOrEqualTo(0.95);
        }
        // A clinical string that OCR misreads (I10 read as 110) is lost to the reader and counted so, but none, read
        // correctly or recognisably misread, may be masked.
        assertThat(KEPT.get("scanned PDF")[2]).as("clinical strings masked on scans: " + MISSED.get("scanned PDF"))
                .isZero();
    }
}
