package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import hk.carerelay.crypto.EnvelopeEncryption;
import hk.carerelay.crypto.TemporaryKeys;

/**
 * Once the application is up, the encryption is warmed up and the worker started in the background, and the first
 * upload uses that worker.
 */
class DocumentWarmUpTest {

    @Test
    void startsAWorkerInTheBackgroundThatTheFirstUploadUses() throws Exception {
        // workers of other tests' extractors in this JVM are not this test's
        List<Long> before = workers().stream().map(ProcessHandle::pid).toList();
        DocumentExtractor extractor = new DocumentExtractor(DocumentLimits.defaults());
        try {
            EnvelopeEncryption envelopes = spy(TemporaryKeys.envelopeEncryption());
            long started = System.nanoTime();
            new DocumentWarmUp(extractor, envelopes).start();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the application's start does not wait for the worker").isLessThan(Duration.ofSeconds(1));

            List<ProcessHandle> workers = awaitWorkers(before, 1);
            // the warm-up has the worker read a file of its own before it is offered to uploads
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (workers.get(0).info().totalCpuDuration().orElse(Duration.ZERO).toMillis() < 500
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            Extraction read = extractor.extract(TestDocuments.textPdf("Referral letter for the first upload."));

            assertThat(read.text()).contains("Referral letter for the first upload.");
            verify(envelopes, timeout(60_000)).warmUp();
            assertThat(workers(before)).as("the first upload used the worker started ahead of it")
                    .extracting(ProcessHandle::pid).containsExactly(workers.get(0).pid());
        } finally {
            extractor.destroy();
        }
    }

    @Test
    void aFailedEncryptionWarmUpDoesNotKeepTheWorkerFromStarting() throws Exception {
        List<Long> before = workers().stream().map(ProcessHandle::pid).toList();
        DocumentExtractor extractor = new DocumentExtractor(DocumentLimits.defaults());
        try {
            EnvelopeEncryption envelopes = spy(TemporaryKeys.envelopeEncryption());
            doThrow(new IllegalStateException("no keystore")).when(envelopes).warmUp();

            new DocumentWarmUp(extractor, envelopes).start();

            awaitWorkers(before, 1);
            verify(envelopes).warmUp();
        } finally {
            extractor.destroy();
        }
    }

    private static List<ProcessHandle> awaitWorkers(List<Long> before, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ProcessHandle> workers = workers(before);
        while (workers.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            workers = workers(before);
        }
        assertThat(workers).hasSize(count);
        return workers;
    }

    private static List<ProcessHandle> workers(List<Long> except) {
        return workers().stream().filter(p -> !except.contains(p.pid())).toList();
    }

    /** The JVMs this test's JVM started: the workers (Tesseract would be a worker's child). */
    private static List<ProcessHandle> workers() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("java")).toList();
    }
}
