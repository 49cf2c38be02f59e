package hk.carerelay.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import hk.carerelay.crypto.EnvelopeEncryption;

/**
 * Once the application is up, in a background thread that readiness does not wait for: has the JIT compile the
 * encryption every stored document goes through, then starts the document worker, so that the first upload waits for
 * neither. Off with {@code carerelay.documents.warm-up=false}.
 */
@Component
@ConditionalOnProperty(name = "carerelay.documents.warm-up", havingValue = "true", matchIfMissing = true)
class DocumentWarmUp {

    private static final Logger log = LoggerFactory.getLogger(DocumentWarmUp.class);

    private final DocumentExtractor extractor;
    private final EnvelopeEncryption envelopes;

    DocumentWarmUp(DocumentExtractor extractor, EnvelopeEncryption envelopes) {
        this.extractor = extractor;
        this.envelopes = envelopes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(() -> {
            try {
                envelopes.warmUp();
            } catch (RuntimeException e) {
                log.warn("the encryption of stored documents was not warmed up: {}", e.toString());
            }
            try {
                extractor.warmUp();
            } catch (RuntimeException e) {
                log.warn("the document worker did not start ahead of the first upload, which will start it: {}",
                        e.toString());
            }
        }, "document-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
