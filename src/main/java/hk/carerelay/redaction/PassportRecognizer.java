package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Passport numbers. A Hong Kong SAR passport number (H or K and eight digits) is recognised on its own; other
 * countries' numbers (one or two letters and six to nine digits, or eight or nine digits) only after a passport or
 * travel-document label on the same line, since without one they look like any reference number.
 */
@Component
class PassportRecognizer extends ScanningRecognizer {

    private static final Pattern HKSAR = Pattern.compile("(?<![A-Za-z0-9])[HK][0-9]{8}(?![A-Za-z0-9])");
    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?:passport|travel\\s+document|護照|旅行證件|回鄉證|通行證)");
    private static final Pattern FOREIGN = Pattern.compile(
            "(?<![A-Za-z0-9])(?:[A-Z]{1,2} ?[0-9]{6,9}[A-Z]?|[0-9]{8,9})(?![A-Za-z0-9(（])");
    private static final Cue LABEL_CUE = Cue.of("passport label", 0, "passport", "travel", "護照", "旅行證件", "回鄉證",
            "通行證");
    /** How far after the label the number may stand ("Passport (PRC) No.: E12345678"). */
    private static final int LABEL_REACH = 40;

    @Override
    boolean readsNumbers() {
        return true;
    }

    @Override
    public PiiType type() {
        return PiiType.PASSPORT;
    }

    @Override
    List<Cue> cues() {
        return List.of(LABEL_CUE, Context.CLINICAL_WORDS, Context.CLINICAL_SIGNS);
    }

    @Override
    List<Finding> recognize(TextScan scan) {
        String text = scan.text();
        List<Finding> found = new ArrayList<>();
        TextScan.Windows hksar = scan.windows();
        for (int r = 0; r < scan.runCount(); r++) {
            int start = scan.runStart(r);
            if (scan.runEnd(r) - start == 8 && start > 0 && (text.charAt(start - 1) == 'H' || text.charAt(start - 1) == 'K')) {
                hksar.around(start - 1, scan.runEnd(r), 0, 0);
            }
        }
        hksar.find(HKSAR, m -> {
            String before = Context.before(text, m.start(), 40);
            int label = Context.nearestLabel(before, m.start() - before.length(), scan, LABEL, LABEL_CUE);
            if (label > 0) {
                found.add(Finding.of(type(), text, m.start(), m.end(), 0.99, "HKSAR passport number after a label"));
            } else if (label == 0) {
                found.add(Finding.of(type(), text, m.start(), m.end(), 0.85, "HKSAR passport number shape"));
            }
        });
        // "travel\s+document" may break its line after "travel"
        scan.windows().fromHitsDown(LABEL_CUE, 1).find(LABEL, l -> {
            String after = Context.after(text, l.end(), LABEL_REACH);
            Matcher n = FOREIGN.matcher(after);
            if (n.find()) {
                int start = l.end() + n.start();
                int end = l.end() + n.end();
                if (found.stream().noneMatch(f -> f.start() == start)) {
                    found.add(Finding.of(type(), text, start, end, 0.9, "number after a passport label"));
                }
            }
        });
        return found;
    }
}
