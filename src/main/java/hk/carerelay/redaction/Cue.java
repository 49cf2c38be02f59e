package hk.carerelay.redaction;

import java.util.List;

/**
 * Words that tell a recognizer where to look: a recognizer's patterns run only in a window around the places where
 * one of its cues occurs (see {@link TextScan}). Words are matched without regard to the case of ASCII letters; the
 * flags narrow a hit down before any pattern runs.
 */
record Cue(String name, List<String> words, int flags) {

    /** The word starts a word: no letter or digit right before it (for words that start with an ASCII letter). */
    static final int WORD_START = 1;
    /** The word ends a word: no ASCII letter right after it. */
    static final int WORD_END = 2;
    /** Every letter of the word is written in capitals. */
    static final int UPPER = 4;
    /** A colon follows, perhaps after spaces ("Re:", "Dear :"). */
    static final int COLON_AFTER = 8;

    Cue {
        words = List.copyOf(words);
    }

    static Cue of(String name, int flags, String... words) {
        return new Cue(name, List.of(words), flags);
    }

    boolean accepts(String text, int start, int end) {
        if ((flags & WORD_START) != 0 && start > 0 && isAsciiLetter(text.charAt(start))
                && Character.isLetterOrDigit(text.charAt(start - 1))) {
            return false;
        }
        if ((flags & WORD_END) != 0 && end < text.length() && isAsciiLetter(text.charAt(end))) {
            return false;
        }
        if ((flags & UPPER) != 0) {
            for (int i = start; i < end; i++) {
                if (Character.isLowerCase(text.charAt(i))) {
                    return false;
                }
            }
        }
        if ((flags & COLON_AFTER) != 0) {
            int at = end;
            while (at < text.length() && at < end + 8 && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at < text.length() && (text.charAt(at) == ':' || text.charAt(at) == '：');
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
