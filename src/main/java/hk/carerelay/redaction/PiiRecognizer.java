package hk.carerelay.redaction;

import java.util.List;

/** Finds one type of personal data. Findings of one recognizer may overlap; the detector resolves overlaps. */
public interface PiiRecognizer {

    PiiType type();

    List<Finding> recognize(String text);
}
