package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import hk.carerelay.patient.Hkid;

/**
 * HKID numbers in any usual spelling: one or two letters, six digits and a check digit, bracketed or not, with or
 * without spaces, half- or full-width brackets. Only numbers whose check digit is right are reported.
 */
@Component
class HkidRecognizer extends ScanningRecognizer {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Za-z]{1,2}) ?([0-9]{6}) ?(?:[(（] ?([0-9Aa]) ?[)）]|([0-9Aa]))(?![A-Za-z0-9])");
    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?:hkid|h\\.k\\.i\\.d|hkic|i\\.?d\\.?\\s*card|identity\\s+card|\\bid\\s+no|\\bi\\.d\\.(?:\\s*no)?"
                    + "|身份證|身分證|證件)");

    @Override
    boolean readsNumbers() {
        return true;
    }

    @Override
    public PiiType type() {
        return PiiType.HKID;
    }

    /** Where {@link #LABEL} can start ("i.d card" needs no word boundary, so neither does "id"). */
    private static final Cue LABEL_CUE = Cue.of("ID label", 0, "hkid", "h.k.i.d", "hkic", "id", "i.d", "identity",
            "身份證", "身分證", "證件");

    @Override
    List<Cue> cues() {
        return List.of(LABEL_CUE, Context.CLINICAL_WORDS, Context.CLINICAL_SIGNS);
    }

    @Override
    List<Finding> recognize(TextScan scan) {
        // a candidate holds a run of six or seven digits, with at most three characters before and eight after
        TextScan.Windows windows = scan.windows();
        for (int r = 0; r < scan.runCount(); r++) {
            int length = scan.runEnd(r) - scan.runStart(r);
            if (length == 6 || length == 7) {
                windows.around(scan.runStart(r), scan.runEnd(r), 3, 8);
            }
        }
        String text = scan.text();
        List<Finding> found = new ArrayList<>();
        windows.find(CANDIDATE, m -> {
            boolean bracketed = m.group(3) != null;
            String check = bracketed ? m.group(3) : m.group(4);
            if (!Hkid.isValid(m.group(1) + m.group(2) + check)) {
                return;
            }
            String before = Context.before(text, m.start(), 40);
            int label = Context.nearestLabel(before, m.start() - before.length(), scan, LABEL, LABEL_CUE);
            boolean upperCase = Character.isUpperCase(m.group(1).charAt(0));
            if (label > 0) {
                found.add(Finding.of(type(), text, m.start(), m.end(), 0.99,
                        "HKID with valid check digit after an ID label"));
            } else if (bracketed) {
                found.add(Finding.of(type(), text, m.start(), m.end(), upperCase ? 0.97 : 0.8,
                        "HKID with bracketed, valid check digit"));
            } else if (label < 0) {
                // A bare letter and seven digits after a laboratory or reference label is that kind of number; one in
                // eleven of them passes the check digit by chance.
                return;
            } else {
                found.add(Finding.of(type(), text, m.start(), m.end(), upperCase ? 0.9 : 0.6,
                        "HKID shape with valid check digit"));
            }
        });
        return found;
    }
}
