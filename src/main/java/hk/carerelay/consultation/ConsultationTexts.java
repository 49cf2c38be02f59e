package hk.carerelay.consultation;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import hk.carerelay.document.BlobKind;
import hk.carerelay.document.DocumentStore;
import hk.carerelay.shared.ConflictException;

/** The consultation's clinical text (question, opinion), sealed in the document store as JSON naming its consultation. */
@Component
class ConsultationTexts {

    static final String MEDIA_TYPE = "application/vnd.carerelay.consultation+json";

    private final DocumentStore store;
    private final ConsultationRepository consultations;
    private final ObjectMapper json;
    private final Clock clock;

    ConsultationTexts(DocumentStore store, ConsultationRepository consultations, ObjectMapper json, Clock clock) {
        this.store = store;
        this.consultations = consultations;
        this.json = json;
        this.clock = clock;
    }

    /** One sealed part of a consultation: which consultation, which part (QUESTION, OPINION), the text. */
    record Sealed(String consultationId, String part, String text, String recommendation) {
    }

    String seal(Sealed sealed) {
        try {
            return store.store(BlobKind.CONSULTATION, MEDIA_TYPE, json.writeValueAsBytes(sealed)).id().toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sealed text; refuses a blob written for another consultation (a swapped reference). */
    Sealed open(String consultationId, String blob) {
        Sealed sealed;
        try {
            sealed = json.readValue(store.read(UUID.fromString(blob)), Sealed.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Sealed consultation text is not readable", e);
        }
        if (!consultationId.equals(sealed.consultationId())) {
            throw new IllegalStateException("Blob " + blob + " belongs to another consultation");
        }
        return sealed;
    }

    /**
     * Seals the answer form's opinion, records it on the consultation and returns the values to keep as the
     * submission: the recommendation, and a reference to the sealed opinion in place of its text.
     */
    Map<String, Object> sealOpinion(String consultationId, String username, Map<String, Object> values) {
        Object recommendation = values.get("recommendation");
        String blob = seal(new Sealed(consultationId, "OPINION", String.valueOf(values.get("opinion")),
                recommendation == null ? null : String.valueOf(recommendation)));
        if (!consultations.recordOpinion(consultationId, blob, username, clock.instant())) {
            throw new ConflictException("This consultation is no longer waiting for an opinion.");
        }
        Map<String, Object> stored = new java.util.LinkedHashMap<>(values);
        stored.remove("opinion");
        stored.put("opinionSealedIn", blob);
        return stored;
    }
}
