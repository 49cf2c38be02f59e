package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Produces the masked text: every masked span is replaced by its type in brackets, such as {@code [HKID]}.
 * The replacement depends only on the type, never on the original, so its length tells nothing about what was
 * there, and a reader still sees what kind of detail was removed.
 */
public final class Masking {

    private Masking() {
    }

    public static String label(PiiType type) {
        return "[" + type.name() + "]";
    }

    /** The text with each finding's span replaced by its label; findings may come in any order but must not overlap. */
    public static String mask(String text, List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : sorted) {
            if (f.start() < at) {
                throw new IllegalArgumentException("overlapping findings at " + f.start());
            }
            if (f.end() > text.length() || !text.regionMatches(f.start(), f.text(), 0, f.length())) {
                throw new IllegalArgumentException("finding at " + f.start() + " does not belong to this text");
            }
            out.append(text, at, f.start()).append(label(f.type()));
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
