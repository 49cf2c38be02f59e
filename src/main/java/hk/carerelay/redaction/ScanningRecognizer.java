package hk.carerelay.redaction;

import java.util.List;

/**
 * A recognizer of this package: it names its cue words and looks only around them and around runs of digits, in a
 * {@link TextScan} the detector makes once for all recognizers.
 */
abstract class ScanningRecognizer implements PiiRecognizer {

    private volatile TextScan.Keywords keywords;

    /** The words near which this recognizer's patterns can match; empty if it needs only digits. */
    abstract List<Cue> cues();

    abstract List<Finding> recognize(TextScan scan);

    /**
     * Whether what this recognizer finds is a number that OCR may misread letter for digit; the detector then also runs
     * it over the text's digit view ({@link OcrConfusions}).
     */
    boolean readsNumbers() {
        return false;
    }

    @Override
    public final List<Finding> recognize(String text) {
        return recognize(TextScan.of(text, keywords()));
    }

    private TextScan.Keywords keywords() {
        TextScan.Keywords k = keywords;
        if (k == null) {
            k = new TextScan.Keywords(cues());
            keywords = k;
        }
        return k;
    }
}
