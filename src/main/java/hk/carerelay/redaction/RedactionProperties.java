package hk.carerelay.redaction;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerelay.redaction.*}: which types of personal data are masked in redacted copies, and the confidence below
 * which a candidate is not reported at all. Names and dates of birth are found but kept by default: a receiving
 * doctor needs them to be sure the document belongs to the patient.
 */
@ConfigurationProperties("carerelay.redaction")
public record RedactionProperties(
        @DefaultValue({ "HKID", "PASSPORT", "PHONE", "EMAIL", "ADDRESS" }) Set<PiiType> maskedTypes,
        @DefaultValue("0.5") double minConfidence) {

    public RedactionProperties {
        maskedTypes = maskedTypes == null || maskedTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(maskedTypes));
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("carerelay.redaction.min-confidence must be between 0 and 1");
        }
    }

    public static RedactionProperties defaults() {
        return new RedactionProperties(
                EnumSet.of(PiiType.HKID, PiiType.PASSPORT, PiiType.PHONE, PiiType.EMAIL, PiiType.ADDRESS), 0.5);
    }

    public boolean masks(PiiType type) {
        return maskedTypes.contains(type);
    }
}
