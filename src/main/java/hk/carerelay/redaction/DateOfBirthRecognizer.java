package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Dates of birth: a date in a usual English or Chinese form that follows a birth label on the same line. Other dates
 * (of results, admission, discharge) are clinical and not reported.
 */
@Component
class DateOfBirthRecognizer extends ScanningRecognizer {

    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?:\\bd\\.?\\s?o\\.?\\s?b\\b\\.?|date\\s+of\\s+birth|birth\\s?date|\\bborn(?:\\s+on)?\\b|出生日期|出生|生日)");
    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?";
    private static final Pattern DATE = Pattern.compile("(?i)(?<![0-9])(?:"
            + "[0-9]{1,2} ?[/.-] ?[0-9]{1,2} ?[/.-] ?(?:19|20)[0-9]{2}"
            + "|(?:19|20)[0-9]{2} ?[/.-] ?[0-9]{1,2} ?[/.-] ?[0-9]{1,2}"
            + "|[0-9]{1,2}(?:st|nd|rd|th)?[ -]" + MONTH + ",?[ -](?:19|20)[0-9]{2}"
            + "|" + MONTH + " [0-9]{1,2}(?:st|nd|rd|th)?,? (?:19|20)[0-9]{2}"
            + "|(?:19|20)[0-9]{2} ?年 ?[0-9]{1,2} ?月 ?[0-9]{1,2} ?日"
            + ")(?![0-9])");
    /** How far after the label the date may stand ("DOB / Sex: 03/05/1958 / F"). */
    private static final int LABEL_REACH = 30;

    @Override
    public PiiType type() {
        return PiiType.DATE_OF_BIRTH;
    }

    @Override
    List<Cue> cues() {
        return List.of();
    }

    /**
     * Every date form holds a year of four digits (19xx or 20xx), and the label stands on the date's line: only
     * lines with such a year are read.
     */
    @Override
    List<Finding> recognize(TextScan scan) {
        String text = scan.text();
        TextScan.Windows lines = scan.windows();
        for (int r = 0; r < scan.runCount(); r++) {
            int start = scan.runStart(r);
            if (scan.runEnd(r) - start == 4 && (text.startsWith("19", start) || text.startsWith("20", start))) {
                lines.aroundInLine(start, scan.runEnd(r), Integer.MAX_VALUE, Integer.MAX_VALUE);
            }
        }
        List<Finding> found = new ArrayList<>();
        int[] lastEnd = {-1};
        lines.find(LABEL, l -> {
            String after = Context.after(text, l.end(), LABEL_REACH);
            Matcher d = DATE.matcher(after);
            if (d.find()) {
                int start = l.end() + d.start();
                if (start >= lastEnd[0]) {
                    found.add(Finding.of(type(), text, start, l.end() + d.end(), 0.95, "date after a birth label"));
                    lastEnd[0] = l.end() + d.end();
                }
            }
        });
        return found;
    }
}
