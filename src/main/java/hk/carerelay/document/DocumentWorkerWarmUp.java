package hk.carerelay.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the document worker once the application is up, in a background thread, so that the first upload does not
 * wait for it; readiness does not wait either. Off with {@code carerelay.documents.warm-up=false}.
 */
@Component
@ConditionalOnProperty(name = "carerelay.documents.warm-up", havingValue = "true", matchIfMissing = true)
class DocumentWorkerWarmUp {

    private static final Logger log = LoggerFactory.getLogger(DocumentWorkerWarmUp.class);

    private final DocumentExtractor extractor;

    DocumentWorkerWarmUp(DocumentExtractor extractor) {
        this.extractor = extractor;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(() -> {
            try {
                extractor.warmUp();
            } catch (RuntimeException e) {
                log.warn("the document worker did not start ahead of the first upload, which will start it: {}",
                        e.toString());
            }
        }, "document-worker-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
