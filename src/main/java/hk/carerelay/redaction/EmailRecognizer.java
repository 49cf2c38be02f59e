package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** E-mail addresses: a local part, {@code @}, and a domain with a top-level label of letters. */
@Component
class EmailRecognizer extends ScanningRecognizer {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
                    + "\\s?@\\s?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])");

    /**
     * The same as OCR may read it: a 7 or a 1 inside the local part read as "/" or "|" ("tsangchun/9@"), spaces around
     * the dots of the domain ("outlook . com"), or a comma for the dot before the top-level domain ("outlook,com").
     */
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern OCR_EMAIL = Pattern.compile(
            "(?<![\\w.+%/|-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]|[/|](?=[A-Za-z0-9])){0,63}\\s?@\\s?(?:" + LABEL
                    + "(?: ?\\. ?|,))+(?:(?i:com|net|org|edu|gov|hk|info|biz|io)(?![\\w-])"
                    + "|(?<=\\.)[A-Za-z]{2,24}(?![\\w-]))");

    @Override
    public PiiType type() {
        return PiiType.EMAIL;
    }

    private static final Cue AT = Cue.of("at sign", 0, "@");

    @Override
    List<Cue> cues() {
        return List.of(AT);
    }

    @Override
    List<Finding> recognize(TextScan scan) {
        String text = scan.text();
        List<Finding> found = new ArrayList<>();
        // a local part has at most 64 characters; a domain at most 253
        TextScan.Windows windows = scan.windows().aroundHits(AT, 66, 256);
        windows.find(EMAIL, m -> found.add(Finding.of(type(), text, m.start(), m.end(), 0.99, "e-mail address")));
        windows.find(OCR_EMAIL, m -> {
            if (found.stream().noneMatch(f -> f.start() == m.start() && f.end() == m.end())) {
                // the longer reading replaces the part of it that reads as an address as written ("9@outlook.com")
                found.removeIf(f -> m.start() <= f.start() && f.end() <= m.end());
                found.add(Finding.of(type(), text, m.start(), m.end(), 0.9, "OCR-tolerant match: e-mail address "
                        + "with a misread character or spacing"));
            }
        });
        return found;
    }
}
