package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import hk.carerelay.shared.SharedWork;

/**
 * Finds personal data in extracted document text with every recognizer, and applies the masking policy
 * ({@link RedactionProperties}). Thread-safe: recognizers hold only compiled patterns, the cue automaton is never
 * changed after construction, and each call makes its own {@link TextScan}.
 */
@Service
public class PiiDetector {

    /** A longer span wins over a shorter one of nearly the same confidence: it usually holds the shorter one. */
    private static final double CONFIDENCE_TIE = 0.05;
    /** A number read through OCR confusions is a little less certain than one read as written. */
    private static final double OCR_TOLERANCE_PENALTY = 0.1;

    private final List<PiiRecognizer> recognizers;
    private final RedactionProperties properties;
    private final int parallelFrom;
    /** The cue words of all recognizers of this package, found in one pass over the text. */
    private final TextScan.Keywords keywords;

    @Autowired
    public PiiDetector(List<PiiRecognizer> recognizers, RedactionProperties properties) {
        this(recognizers, properties, SharedWork.TEXT_WORTH_SHARING);
    }

    /** With the text length from which recognizers run on two threads: 0 for always, MAX_VALUE for never (tests). */
    PiiDetector(List<PiiRecognizer> recognizers, RedactionProperties properties, int parallelFrom) {
        this.parallelFrom = parallelFrom;
        this.recognizers = List.copyOf(recognizers);
        this.properties = properties;
        this.keywords = new TextScan.Keywords(this.recognizers.stream()
                .filter(ScanningRecognizer.class::isInstance)
                .flatMap(r -> ((ScanningRecognizer) r).cues().stream())
                .toList());
    }

    /** A detector with every recognizer of this package, for use outside a Spring context (tests, benchmarks). */
    public static PiiDetector withStandardRecognizers(RedactionProperties properties) {
        return new PiiDetector(List.of(new HkidRecognizer(), new PassportRecognizer(), new PhoneRecognizer(),
                new EmailRecognizer(), new AddressRecognizer(), new NameRecognizer(), new DateOfBirthRecognizer()),
                properties);
    }

    /**
     * Every piece of personal data found at or above the configured confidence, whatever the policy masks; the
     * findings do not overlap and are sorted by start offset.
     */
    public List<Finding> detect(String text) {
        return detect(text, false);
    }

    /** As {@link #detect(String)}; {@code everywhere} runs every pattern over the whole text (the reference, in tests). */
    List<Finding> detect(String text, boolean everywhere) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String folded = foldWidth(text);
        Recognition recognition = new Recognition(folded, everywhere);
        List<Finding> candidates = new ArrayList<>();
        for (List<Finding> found : recognition.run()) {
            for (Finding f : found) {
                keep(candidates, text, f);
            }
        }
        OcrConfusions.View digits = recognition.digits;
        if (!digits.changed().isEmpty()) {
            // numbers as OCR may have misread them ("9l23 4S67"): the same recognizers on the digit view, keeping only
            // what a misread character is part of; the view has the text's offsets, so the masks fall where the page
            // shows the number
            TextScan view = everywhere ? TextScan.everywhere(digits.text(), keywords)
                    : TextScan.of(digits.text(), keywords);
            for (PiiRecognizer recognizer : recognizers) {
                if (recognizer instanceof ScanningRecognizer scanning && scanning.readsNumbers()) {
                    for (Finding f : scanning.recognize(view)) {
                        if (digits.changedWithin(f.start(), f.end())) {
                            keep(candidates, text, new Finding(f.type(), f.start(), f.end(), f.text(),
                                    Math.max(0, f.confidence() - OCR_TOLERANCE_PENALTY),
                                    "OCR-tolerant match (" + digits.describe(folded, f.start(), f.end()) + "): "
                                            + f.reason()));
                        }
                    }
                }
            }
        }
        return resolveOverlaps(candidates);
    }

    /**
     * One text's recognition: the cue scan, every recognizer over it, and the digit view. On a longer text these are
     * shared between two threads ({@link SharedWork}): the pool's task first makes the digit view, which needs no scan,
     * while the calling thread scans. Each recognizer's findings keep its place in the list, so the result is the same
     * as from one thread.
     */
    private final class Recognition {
        private final String folded;
        private final boolean everywhere;
        private final List<List<Finding>> found = new ArrayList<>(Collections.nCopies(recognizers.size(), List.of()));
        private final CompletableFuture<TextScan> scanned = new CompletableFuture<>();
        private OcrConfusions.View digits;

        Recognition(String folded, boolean everywhere) {
            this.folded = folded;
            this.everywhere = everywhere;
        }

        List<List<Finding>> run() {
            List<Runnable> tasks = new ArrayList<>();
            tasks.add(() -> digits = OcrConfusions.digitView(folded));
            for (int i = 0; i < recognizers.size(); i++) {
                PiiRecognizer recognizer = recognizers.get(i);
                int at = i;
                tasks.add(() -> found.set(at, recognizer instanceof ScanningRecognizer scanning
                        ? scanning.recognize(scanned.join()) : recognizer.recognize(folded)));
            }
            SharedWork.run(this::scan, tasks, folded.length() >= parallelFrom);
            return found;
        }

        private void scan() {
            try {
                scanned.complete(everywhere ? TextScan.everywhere(folded, keywords) : TextScan.of(folded, keywords));
            } catch (RuntimeException | Error e) {
                scanned.completeExceptionally(e);
                throw e;
            }
        }
    }

    private void keep(List<Finding> candidates, String text, Finding f) {
        if (f.confidence() >= properties.minConfidence()) {
            candidates.add(f.text().equals(text.substring(f.start(), f.end())) ? f
                    : new Finding(f.type(), f.start(), f.end(), text.substring(f.start(), f.end()), f.confidence(),
                            f.reason()));
        }
    }

    /**
     * Chinese documents (and OCR of them) often write letters and digits full-width ("Ａ１２３４５６（３）"). They are
     * read as their ASCII forms, one character for one, so offsets stay those of the original text.
     */
    static String foldWidth(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c - 0xFEE0);
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** The findings in {@code text} that the policy masks. */
    public List<Finding> toMask(String text) {
        return toMask(detect(text));
    }

    /** Of the given findings, those whose type the policy masks. */
    public List<Finding> toMask(List<Finding> findings) {
        return findings.stream().filter(f -> properties.masks(f.type())).toList();
    }

    /** The text with what the policy masks replaced by type labels (see {@link Masking}). */
    public String redact(String text) {
        return text == null ? null : Masking.mask(text, toMask(text));
    }

    static List<Finding> resolveOverlaps(List<Finding> candidates) {
        List<Finding> ranked = new ArrayList<>(candidates);
        // Confidence in steps of CONFIDENCE_TIE, so that the order stays transitive.
        ranked.sort(Comparator.comparingInt((Finding f) -> (int) Math.floor(f.confidence() / CONFIDENCE_TIE))
                .reversed()
                .thenComparing(Comparator.comparingInt(Finding::length).reversed())
                .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
                .thenComparingInt(Finding::start));
        // the kept findings never overlap one another, so the one starting last before a candidate's end is the only
        // one that can overlap it
        TreeMap<Integer, Finding> kept = new TreeMap<>();
        for (Finding candidate : ranked) {
            Map.Entry<Integer, Finding> before = kept.lowerEntry(candidate.end());
            if (before == null || before.getValue().end() <= candidate.start()) {
                kept.put(candidate.start(), candidate);
            }
        }
        return List.copyOf(kept.values());
    }
}
