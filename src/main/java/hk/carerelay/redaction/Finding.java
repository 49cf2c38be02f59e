package hk.carerelay.redaction;

import java.util.Objects;

/**
 * One piece of personal data found in a text: its type, where it is ({@code start} inclusive, {@code end} exclusive,
 * as in {@link String#substring(int, int)}), the matched text, how sure the recognizer is (0 to 1) and why it matched.
 */
public record Finding(PiiType type, int start, int end, String text, double confidence, String reason) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
        if (start < 0 || end <= start || end - start != text.length()) {
            throw new IllegalArgumentException("bad span " + start + ".." + end + " for " + text.length() + " chars");
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence out of range: " + confidence);
        }
    }

    static Finding of(PiiType type, String source, int start, int end, double confidence, String reason) {
        return new Finding(type, start, end, source.substring(start, end), confidence, reason);
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
