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
        scan.windows().aroundHits(AT, 66, 256).find(EMAIL,
                m -> found.add(Finding.of(type(), text, m.start(), m.end(), 0.99, "e-mail address")));
        return found;
    }
}
