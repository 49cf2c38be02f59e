package hk.carerelay.redaction;

import java.util.BitSet;

/**
 * What OCR commonly misreads inside numbers: a letter for the digit it resembles (O or o for 0, I, l or | for 1, S for
 * 5, B for 8, Z for 2), and C, c, [ or { for the opening bracket of an HKID check digit, ], } or J for the closing one.
 * The digit view of a text puts the digit or bracket back where such a character stands inside a number, one
 * character for one, so that offsets in the view are offsets in the original text and a mask lands on the characters
 * the page shows. Letters outside numbers (words, the letters of an HKID or an ICD code such as I10) are left alone.
 */
final class OcrConfusions {

    /** {@link #digitFor} for every ASCII character: a lookup, since it is asked of every character of a text. */
    private static final char[] DIGIT_FOR = new char[128];

    static {
        DIGIT_FOR['O'] = '0';
        DIGIT_FOR['o'] = '0';
        DIGIT_FOR['I'] = '1';
        DIGIT_FOR['l'] = '1';
        DIGIT_FOR['|'] = '1';
        DIGIT_FOR['S'] = '5';
        DIGIT_FOR['B'] = '8';
        DIGIT_FOR['Z'] = '2';
    }

    /** The text with confusions inside numbers undone, and which characters were changed. */
    record View(String text, BitSet changed) {

        boolean changedWithin(int start, int end) {
            int next = changed.nextSetBit(start);
            return next >= 0 && next < end;
        }

        /** What was read differently in a span, for a finding's reason: "O read as 0, C read as (". */
        String describe(String original, int start, int end) {
            StringBuilder out = new StringBuilder();
            for (int i = changed.nextSetBit(start); i >= 0 && i < end; i = changed.nextSetBit(i + 1)) {
                String one = original.charAt(i) + " read as " + text.charAt(i);
                if (out.indexOf(one) < 0) {
                    out.append(out.isEmpty() ? "" : ", ").append(one);
                }
            }
            return out.toString();
        }
    }

    private OcrConfusions() {
    }

    static View digitView(String text) {
        // the text as read (t) and the view as changed so far (v), as arrays: every character is read several times
        char[] t = text.toCharArray();
        char[] v = t.clone();
        BitSet changed = new BitSet();
        int n = t.length;
        for (int i = 0; i < n; i++) {
            char digit = digitFor(t[i]);
            if (digit != 0 && insideNumber(t, v, i)) {
                set(v, i, digit, changed);
            }
        }
        // brackets around a check digit: "A123456C3)" or "A123456(3]" for A123456(3); in these two passes the test of
        // the character before comes first, since it rules out nearly every position at the cost of one comparison
        for (int i = 1; i + 2 < n; i++) {
            char c = v[i];
            if (isDigit(v[i - 1]) && "Cc[{".indexOf(c) >= 0 && isCheckDigit(v, i + 1)
                    && "])}J|".indexOf(v[i + 2]) >= 0 && sixDigitsBefore(v, i)) {
                set(v, i, '(', changed);
            }
        }
        for (int i = 2; i < n; i++) {
            char c = v[i];
            if (v[i - 2] == '(' && "]}J|".indexOf(c) >= 0 && isCheckDigit(v, i - 1) && sixDigitsBefore(v, i - 2)) {
                set(v, i, ')', changed);
            }
            if (v[i - 1] == '(' && digitFor(c) != 0 && sixDigitsBefore(v, i - 1) && i + 1 < n && v[i + 1] == ')') {
                set(v, i, digitFor(c), changed);
            }
        }
        return new View(changed.isEmpty() ? text : new String(v), changed);
    }

    /** The digit a character is mistaken for, or 0 if it is not one OCR confuses with a digit. */
    private static char digitFor(char c) {
        return c < DIGIT_FOR.length ? DIGIT_FOR[c] : 0;
    }

    /**
     * A confusable character stands for a digit when a digit stands before it and a digit or another confusable
     * character after it ("9l23 4S67"), or when it ends a word after three digits or more and is O, I or l
     * ("A12345O(3)"), or when it is the second character of a word and two digits follow ("AI23456(3)": the first
     * letter is the HKID's own).
     */
    private static boolean insideNumber(char[] t, char[] v, int i) {
        char before = i > 0 ? v[i - 1] : ' ';
        char after = i + 1 < t.length ? t[i + 1] : ' ';
        if (isDigit(before)) {
            if (isDigit(after) || digitFor(after) != 0 && !isLetterAfter(t, i + 1)) {
                return true;
            }
            // at the end of a word only O, I and l, after at least three digits: "12B" is a flat, "9B" a ward
            return !Character.isLetter(after) && "OoIl|".indexOf(t[i]) >= 0 && digitsBefore(v, i) >= 3;
        }
        return isAsciiLetter(before) && (i < 2 || !Character.isLetterOrDigit(t[i - 2])) && i + 2 < t.length
                && isDigit(t[i + 1]) && isDigit(t[i + 2]);
    }

    /** A confusable character at {@code i} that is followed by a letter that is not one: "1lb" is not "11b". */
    private static boolean isLetterAfter(char[] t, int i) {
        int j = i;
        while (j < t.length && digitFor(t[j]) != 0) {
            j++;
        }
        return j < t.length && Character.isLetter(t[j]);
    }

    private static int digitsBefore(char[] v, int i) {
        int count = 0;
        while (i - count > 0 && isDigit(v[i - count - 1])) {
            count++;
        }
        return count;
    }

    private static boolean sixDigitsBefore(char[] v, int bracket) {
        int at = bracket;
        if (at > 0 && v[at - 1] == ' ') {
            at--;
        }
        for (int k = 1; k <= 6; k++) {
            if (at - k < 0 || !isDigit(v[at - k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCheckDigit(char[] v, int i) {
        char c = v[i];
        return isDigit(c) || c == 'A' || digitFor(c) != 0;
    }

    private static void set(char[] v, int i, char c, BitSet changed) {
        v[i] = c;
        changed.set(i);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
