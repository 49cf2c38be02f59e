package hk.carerelay.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RedactionPropertiesTest {

    private static RedactionProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("carerelay.redaction", RedactionProperties.class);
    }

    @Test
    void byDefaultIdentifiersAndContactsAreMaskedAndNamesAndDatesOfBirthKept() {
        RedactionProperties properties = bind(Map.of());
        assertThat(properties.maskedTypes()).containsExactlyInAnyOrder(PiiType.HKID, PiiType.PASSPORT, PiiType.PHONE,
                PiiType.EMAIL, PiiType.ADDRESS);
        assertThat(properties.minConfidence()).isEqualTo(0.5);
        assertThat(properties).isEqualTo(RedactionProperties.defaults());
        assertThat(properties.masks(PiiType.NAME)).isFalse();
        assertThat(properties.masks(PiiType.DATE_OF_BIRTH)).isFalse();
    }

    @Test
    void theMaskedTypesAreConfigurable() {
        RedactionProperties properties = bind(Map.of("carerelay.redaction.masked-types", "HKID,NAME,date-of-birth",
                "carerelay.redaction.min-confidence", "0.7"));
        assertThat(properties.maskedTypes()).containsExactlyInAnyOrder(PiiType.HKID, PiiType.NAME,
                PiiType.DATE_OF_BIRTH);
        assertThat(properties.minConfidence()).isEqualTo(0.7);
    }

    @Test
    void anUnknownTypeOrAConfidenceOutOfRangeIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("carerelay.redaction.masked-types", "HKID,BLOOD_GROUP")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("carerelay.redaction.min-confidence", "1.5")))
                .isInstanceOf(BindException.class);
    }
}
