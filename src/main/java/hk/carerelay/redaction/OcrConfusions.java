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
        char[] view = null;
        BitSet changed = new BitSet();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char digit = digitFor(c);
            if (digit != 0 && insideNumber(text, view, i)) {
                view = set(view, text, i, digit, changed);
            }
        }
        // brackets around a check digit: "A123456C3)" or "A123456(3]" for A123456(3)
        for (int i = 1; i + 2 < n; i++) {
            char c = at(text, view, i);
            if ("Cc[{".indexOf(c) >= 0 && isDigit(at(text, view, i - 1)) && isCheckDigit(text, view, i + 1)
                    && "])}J|".indexOf(at(text, view, i + 2)) >= 0 && sixDigitsBefore(text, view, i)) {
                view = set(view, text, i, '(', changed);
            }
        }
        for (int i = 2; i < n; i++) {
            char c = at(text, view, i);
            if ("]}J|".indexOf(c) >= 0 && at(text, view, i - 2) == '(' && isCheckDigit(text, view, i - 1)
                    && sixDigitsBefore(text, view, i - 2)) {
                view = set(view, text, i, ')', changed);
            }
            if (digitFor(c) != 0 && at(text, view, i - 1) == '(' && sixDigitsBefore(text, view, i - 1)
                    && i + 1 < n && at(text, view, i + 1) == ')') {
                view = set(view, text, i, digitFor(c), changed);
            }
        }
        return new View(view == null ? text : new String(view), changed);
    }

    /** The digit a character is mistaken for, or 0 if it is not one OCR confuses with a digit. */
    private static char digitFor(char c) {
        return switch (c) {
            case 'O', 'o' -> '0';
            case 'I', 'l', '|' -> '1';
            case 'S' -> '5';
            case 'B' -> '8';
            case 'Z' -> '2';
            default -> 0;
        };
    }

    /**
     * A confusable character stands for a digit when a digit stands before it and a digit or another confusable
     * character after it ("9l23 4S67"), or when it ends a word after three digits or more and is O, I or l
     * ("A12345O(3)"), or when it is the second character of a word and two digits follow ("AI23456(3)": the first
     * letter is the HKID's own).
     */
    private static boolean insideNumber(String text, char[] view, int i) {
        char before = i > 0 ? at(text, view, i - 1) : ' ';
        char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (isDigit(before)) {
            if (isDigit(after) || digitFor(after) != 0 && !isLetterAfter(text, i + 1)) {
                return true;
            }
            // at the end of a word only O, I and l, after at least three digits: "12B" is a flat, "9B" a ward
            return !Character.isLetter(after) && "OoIl|".indexOf(text.charAt(i)) >= 0
                    && digitsBefore(text, view, i) >= 3;
        }
        return isAsciiLetter(before) && (i < 2 || !Character.isLetterOrDigit(text.charAt(i - 2)))
                && i + 2 < text.length() && isDigit(text.charAt(i + 1)) && isDigit(text.charAt(i + 2));
    }

    /** A confusable character at {@code i} that is followed by a letter that is not one: "1lb" is not "11b". */
    private static boolean isLetterAfter(String text, int i) {
        int j = i;
        while (j < text.length() && digitFor(text.charAt(j)) != 0) {
            j++;
        }
        return j < text.length() && Character.isLetter(text.charAt(j));
    }

    private static int digitsBefore(String text, char[] view, int i) {
        int count = 0;
        while (i - count > 0 && isDigit(at(text, view, i - count - 1))) {
            count++;
        }
        return count;
    }

    private static boolean sixDigitsBefore(String text, char[] view, int bracket) {
        int at = bracket;
        if (at > 0 && at(text, view, at - 1) == ' ') {
            at--;
        }
        for (int k = 1; k <= 6; k++) {
            if (at - k < 0 || !isDigit(at(text, view, at - k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCheckDigit(String text, char[] view, int i) {
        char c = at(text, view, i);
        return isDigit(c) || c == 'A' || digitFor(c) != 0;
    }

    private static char[] set(char[] view, String text, int i, char c, BitSet changed) {
        char[] v = view == null ? text.toCharArray() : view;
        v[i] = c;
        changed.set(i);
        return v;
    }

    private static char at(String text, char[] view, int i) {
        return view == null ? text.charAt(i) : view[i];
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
