package hk.carerelay.redaction;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Hong Kong phone and fax numbers: eight digits starting 2, 3, 5, 6, 7, 8 or 9, written whole or as 4+4 with a space
 * or hyphen, with or without the 852 country code. A bare eight-digit number is weighed by its neighbours: a
 * telephone label raises it; a laboratory, accession, reference or coding label before it, a unit after it, or the
 * shape of a date or a time range makes it something else.
 */
@Component
class PhoneRecognizer extends ScanningRecognizer {

    private static final Pattern PREFIXED = Pattern.compile(
            "(?<![\\w+])(?:\\+ ?852|[(（] ?\\+?852 ?[)）]|852(?=[ -]))[ -]?([2-9][0-9]{3})[ -]?([0-9]{4})(?![0-9])");
    private static final Pattern BARE = Pattern.compile(
            "(?<![\\w.,+#$-])([235-9][0-9]{3})([ -]?)([0-9]{4})(?![\\w]|[.,][0-9]|-[0-9]|:[0-9])");
    /** A 4+4 number broken over a line by wrapping or by OCR ("mobile 9381" / "0277"). */
    private static final Pattern WRAPPED = Pattern.compile(
            "(?<![\\w.,+#$-])([235-9][0-9]{3})\\n([0-9]{4})(?![\\w]|[.,][0-9]|-[0-9]|:[0-9])");
    private static final Pattern PHONE_LABEL = Pattern.compile("(?i)(?:\\btel\\b|\\btel\\.|\\bteleph|\\bphone\\b"
            + "|\\bmobile\\b|\\bmob\\b|\\bcell\\b|\\bfax\\b|\\bcontact\\b|\\bcall\\b|\\bhotline\\b|\\bline\\b"
            + "|\\bwhatsapp\\b|\\bsms\\b|\\bpager\\b|\\benquir|\\bph\\b|\\bt\\s?:|\\bf\\s?:|\\bm\\s?:"
            + "|\\boffice\\b|\\bhome\\b"
            + "|電話|手提|手機|傳真|聯絡|致電|查詢|熱線)");
    private static final Pattern UNIT_AFTER = Pattern.compile("(?i)^\\s*(?:mg|mcg|µg|ug|ng|g|kg|ml|l|dl|mmol|µmol"
            + "|umol|mol|iu|u|units?|meq|copies|cells|mmhg|bpm|cm|mm|%|x ?10|×|毫克|毫升|克|單位)(?![a-z])"
            + "|^/(?:l|ml|dl|ul|µl|hpf)\\b");

    /** How many lines above a bare number its table header may stand. */
    private static final int LINES_UP = 6;

    @Override
    boolean readsNumbers() {
        return true;
    }

    @Override
    public PiiType type() {
        return PiiType.PHONE;
    }

    /** Where {@link #PHONE_LABEL} can start. */
    private static final Cue LABEL_WORDS = Cue.of("phone label", Cue.WORD_START, "tel", "phone", "mobile", "mob",
            "cell", "fax", "contact", "call", "hotline", "line", "whatsapp", "sms", "pager", "enquir", "ph", "office",
            "home", "電話", "手提", "手機", "傳真", "聯絡", "致電", "查詢", "熱線");
    private static final Cue LABEL_LETTERS = Cue.of("phone label letter", Cue.WORD_START | Cue.COLON_AFTER, "t", "f",
            "m");

    @Override
    List<Cue> cues() {
        return List.of(LABEL_WORDS, LABEL_LETTERS, Context.CLINICAL_WORDS, Context.CLINICAL_SIGNS);
    }

    @Override
    List<Finding> recognize(TextScan scan) {
        String text = scan.text();
        // a number with the country code holds a run of digits starting 852; a bare number is a run of eight digits,
        // or of four followed by a space or hyphen and more digits
        TextScan.Windows withCode = scan.windows();
        TextScan.Windows bareNumbers = scan.windows();
        TextScan.Windows wrappedNumbers = scan.windows();
        for (int r = 0; r < scan.runCount(); r++) {
            int start = scan.runStart(r);
            int end = scan.runEnd(r);
            if (end - start >= 3 && text.startsWith("852", start)) {
                withCode.around(start, end, 4, 14);
            }
            if (end - start == 4 && end + 1 < text.length() && text.charAt(end) == '\n'
                    && Character.isDigit(text.charAt(end + 1))) {
                wrappedNumbers.around(start, start + 9, 0, 0);
            }
            if (end - start == 8 || (end - start == 4 && end + 1 < text.length() && (text.charAt(end) == ' '
                    || text.charAt(end) == '-') && Character.isDigit(text.charAt(end + 1)))) {
                bareNumbers.around(start, start + 9, 0, 0);
            }
        }
        List<Finding> prefixed = new ArrayList<>();
        withCode.find(PREFIXED, m -> prefixed.add(
                Finding.of(type(), text, m.start(), m.end(), 0.98, "number with the 852 country code")));
        List<Finding> found = new ArrayList<>(prefixed);
        Runs runs = new Runs(text);
        int[] next = {0};
        bareNumbers.find(BARE, bare -> {
            int start = bare.start();
            int end = bare.end();
            // both lists run left to right, so one pointer keeps this linear however many numbers the text holds
            while (next[0] < prefixed.size() && prefixed.get(next[0]).end() < end) {
                next[0]++;
            }
            if (next[0] < prefixed.size() && prefixed.get(next[0]).start() <= start
                    && end <= prefixed.get(next[0]).end()) {
                return;
            }
            Finding f = weigh(scan, bare, runs);
            if (f != null) {
                found.add(f);
            }
        });
        wrappedNumbers.find(WRAPPED, m -> {
            // only after a phone label on its line: a line that ends in four digits above one that starts with four
            // is too often a table
            String before = Context.before(text, m.start(), 40);
            int beforeStart = m.start() - before.length();
            int phoneLabel = Context.lastMatchEnd(PHONE_LABEL, before, scan, beforeStart, LABEL_WORDS, LABEL_LETTERS);
            if (phoneLabel >= 0 && phoneLabel >= Context.lastClinicalLabelEnd(before, scan, beforeStart)
                    && !UNIT_AFTER.matcher(Context.after(text, m.end(), 12)).find()) {
                found.add(Finding.of(type(), text, m.start(), m.end(), 0.85,
                        "OCR-tolerant match (a number broken over a line): eight-digit number after a phone label"));
            }
        });
        return found;
    }

    private Finding weigh(TextScan scan, Matcher m, Runs runs) {
        String text = scan.text();
        if (runs.partOfLongerNumber(m.start(), m.end())) {
            return null;
        }
        String before = Context.before(text, m.start(), 40);
        int beforeStart = m.start() - before.length();
        int phoneLabel = Context.lastMatchEnd(PHONE_LABEL, before, scan, beforeStart, LABEL_WORDS, LABEL_LETTERS);
        int clinicalLabel = Context.lastClinicalLabelEnd(before, scan, beforeStart);
        if (clinicalLabel > phoneLabel && Context.labelAttached(before, Context.CLINICAL_LABEL)) {
            return null;
        }
        int label = phoneLabel >= 0 ? 1 : 0;
        if (label == 0 && before.isBlank()) {
            // a number at the start of a line takes the label of the line above ("Tel:"), or of the header of the
            // table it stands in ("Lab No.")
            label = labelAbove(scan, m.start());
        }
        if (label > 0) {
            return Finding.of(type(), text, m.start(), m.end(), 0.95, "eight-digit number after a phone label");
        }
        if (label < 0) {
            return null;
        }
        if (UNIT_AFTER.matcher(Context.after(text, m.end(), 12)).find()) {
            return null;
        }
        String first = m.group(1);
        String separator = m.group(2);
        String last = m.group(3);
        if (separator.isEmpty() && isDate(first + last)) {
            return null;
        }
        if (separator.equals("-") && isTime(first) && isTime(last)) {
            return null;
        }
        if (isYear(first)) {
            return Finding.of(type(), text, m.start(), m.end(), 0.45, "eight digits starting with a year");
        }
        return Finding.of(type(), text, m.start(), m.end(), separator.isEmpty() ? 0.65 : 0.75,
                "eight-digit Hong Kong number without a label");
    }

    /**
     * "2024 5531 0012": eight digits inside a longer run of digit groups are not a phone number, unless the run is
     * phone numbers typed one after another ("2345 6789 9123 4567"): groups of four, an even number of them, and this
     * candidate starting at a pair. The run around a candidate is measured once and kept for the candidates after it
     * in the same run, so a text of nothing but digit groups costs linear time, not quadratic.
     */
    private static final class Runs {

        private final String text;
        private int runStart = -1;
        private int runEnd = -1;
        private List<Integer> groupStarts = List.of();
        private boolean allFours;

        Runs(String text) {
            this.text = text;
        }

        boolean partOfLongerNumber(int start, int end) {
            if (start < runStart || end > runEnd) {
                measure(start, end);
            }
            if (runStart == start && runEnd == end) {
                return false;
            }
            int index = java.util.Collections.binarySearch(groupStarts, start);
            if (index < 0) {
                return true;
            }
            return !(allFours && groupStarts.size() % 2 == 0 && index % 2 == 0);
        }

        private void measure(int start, int end) {
            runStart = start;
            while (runStart >= 2 && " -".indexOf(text.charAt(runStart - 1)) >= 0
                    && Character.isDigit(text.charAt(runStart - 2))) {
                runStart = groupStart(text, runStart - 2);
            }
            runEnd = end;
            while (runEnd + 1 < text.length() && " -".indexOf(text.charAt(runEnd)) >= 0
                    && Character.isDigit(text.charAt(runEnd + 1))) {
                runEnd = groupEnd(text, runEnd + 1);
            }
            List<Integer> starts = new ArrayList<>();
            boolean fours = true;
            int at = runStart;
            while (at < runEnd) {
                int groupEnd = groupEnd(text, at);
                starts.add(at);
                fours &= groupEnd - at == 4;
                at = groupEnd + 1;
            }
            groupStarts = starts;
            allFours = fours;
        }
    }

    private static int groupStart(String text, int digit) {
        int at = digit;
        while (at > 0 && Character.isDigit(text.charAt(at - 1))) {
            at--;
        }
        return at;
    }

    private static int groupEnd(String text, int digit) {
        int at = digit;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int labelAbove(TextScan scan, int pos) {
        String text = scan.text();
        int at = pos;
        for (int i = 0; i < LINES_UP; i++) {
            String line = Context.previousLine(text, at);
            if (line.isEmpty()) {
                return 0;
            }
            at = text.lastIndexOf(line, at);
            int label = Context.nearestLabel(line, at, scan, PHONE_LABEL, LABEL_WORDS, LABEL_LETTERS);
            if (label != 0) {
                return label;
            }
        }
        return 0;
    }

    private static boolean isYear(String four) {
        int y = Integer.parseInt(four);
        return y >= 1900 && y <= 2099;
    }

    private static boolean isTime(String four) {
        return Integer.parseInt(four.substring(0, 2)) < 24 && Integer.parseInt(four.substring(2)) < 60;
    }

    private static boolean isDate(String eight) {
        return parses(eight.substring(0, 4), eight.substring(4, 6), eight.substring(6))
                || parses(eight.substring(4), eight.substring(2, 4), eight.substring(0, 2));
    }

    private static boolean parses(String year, String month, String day) {
        int y = Integer.parseInt(year);
        if (y < 1900 || y > 2099) {
            return false;
        }
        try {
            LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
