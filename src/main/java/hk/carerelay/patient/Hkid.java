package hk.carerelay.patient;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hong Kong Identity Card number: one or two letters, six digits and a check digit (0-9 or A), as in
 * {@code A123456(3)}. Accepts the usual spellings (with or without brackets and spaces, any case) and keeps the
 * canonical form {@code A1234563}.
 */
public record Hkid(String value) {

    /** Letters, digits and the check digit, either in brackets or bare (never with one bracket only). */
    private static final Pattern FORMAT = Pattern.compile("([A-Z]{1,2})([0-9]{6})(?:\\(([0-9A])\\)|([0-9A]))");

    public Hkid {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid HKID");
        }
        value = canonical(value);
    }

    public static Optional<Hkid> parse(String text) {
        return isValid(text) ? Optional.of(new Hkid(text)) : Optional.empty();
    }

    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = FORMAT.matcher(normalise(text));
        return m.matches() && checkDigit(m.group(1), m.group(2)) == checkDigitOf(m);
    }

    /** The valid number made of the given prefix (one or two letters) and six digits, with its check digit. */
    public static Hkid of(String letters, String digits) {
        return new Hkid(letters + digits + checkDigit(letters, digits));
    }

    /** The check digit for the given prefix (one or two letters) and six digits. */
    static char checkDigit(String letters, String digits) {
        int sum;
        if (letters.length() == 1) {
            // A single letter is read as if preceded by a space, which counts 36 with weight 9.
            sum = 36 * 9 + letterValue(letters.charAt(0)) * 8;
        } else {
            sum = letterValue(letters.charAt(0)) * 9 + letterValue(letters.charAt(1)) * 8;
        }
        for (int i = 0; i < 6; i++) {
            sum += (digits.charAt(i) - '0') * (7 - i);
        }
        int check = (11 - sum % 11) % 11;
        return check == 10 ? 'A' : (char) ('0' + check);
    }

    /** The number with its check digit in brackets, as printed on the card. */
    public String display() {
        return value.substring(0, value.length() - 1) + "(" + value.charAt(value.length() - 1) + ")";
    }

    private static int letterValue(char c) {
        return c - 'A' + 10;
    }

    private static String normalise(String text) {
        return text.replace(" ", "").toUpperCase();
    }

    private static String canonical(String text) {
        Matcher m = FORMAT.matcher(normalise(text));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid HKID");
        }
        return m.group(1) + m.group(2) + checkDigitOf(m);
    }

    private static char checkDigitOf(Matcher m) {
        return (m.group(3) != null ? m.group(3) : m.group(4)).charAt(0);
    }
}
