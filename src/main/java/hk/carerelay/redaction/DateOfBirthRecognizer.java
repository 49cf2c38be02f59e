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
class DateOfBirthRecognizer implements PiiRecognizer {

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
    public List<Finding> recognize(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher l = LABEL.matcher(text);
        int lastEnd = -1;
        while (l.find()) {
            String after = Context.after(text, l.end(), LABEL_REACH);
            Matcher d = DATE.matcher(after);
            if (d.find()) {
                int start = l.end() + d.start();
                if (start >= lastEnd) {
                    found.add(Finding.of(type(), text, start, l.end() + d.end(), 0.95, "date after a birth label"));
                    lastEnd = l.end() + d.end();
                }
            }
        }
        return found;
    }
}
