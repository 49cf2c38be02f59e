package hk.carerelay.redaction;

/** The kinds of personal data the detector looks for. */
public enum PiiType {
    HKID, PASSPORT, PHONE, EMAIL, ADDRESS, NAME, DATE_OF_BIRTH
}
