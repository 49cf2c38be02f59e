package hk.carerelay.document;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import hk.carerelay.document.DocumentRejectedException.Reason;

/**
 * Reads uploaded documents: type from the content, text by Tika, scans by OCR, all inside worker processes bounded in
 * time and memory (see ADR 0013), so that no file can hang or crash the application.
 */
@Service
public class DocumentExtractor implements DisposableBean {

    // the warm-up file is ours, not an upload: it gets the time a worker has to start, whatever the upload limit
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);

    private final DocumentLimits limits;
    private final Semaphore permits;
    private final BlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    public DocumentExtractor(DocumentLimits limits) {
        this.limits = limits;
        this.permits = new Semaphore(Math.max(1, limits.workers()), true);
    }

    /**
     * Reads a document.
     *
     * @throws DocumentRejectedException if the file is refused: its type, its content, or what reading it would cost
     * @throws IllegalStateException if the reader itself cannot run (a technical failure worth retrying)
     */
    public Extraction extract(byte[] content) {
        if (content.length > limits.maxSize().toBytes()) {
            throw new DocumentRejectedException(Reason.TOO_LARGE,
                    "The file is larger than " + limits.maxSize().toMegabytes() + " MB.");
        }
        if (content.length == 0) {
            throw new DocumentRejectedException(Reason.MALFORMED, "The file is empty.");
        }
        permits.acquireUninterruptibly();
        WorkerProcess worker = null;
        try {
            if (closed) {
                throw new IllegalStateException("the document extractor is shut down");
            }
            worker = idle.poll();
            if (worker == null || !worker.alive()) {
                worker = WorkerProcess.start(limits);
            }
            return worker.extract(content, limits.timeout());
        } finally {
            if (worker != null && worker.alive() && !closed) {
                idle.add(worker);
            }
            permits.release();
        }
    }

    /**
     * Starts a worker ahead of the first upload and has it read a small PDF of our own, so that the first upload waits
     * neither for a JVM to start nor for the worker to load and compile what reading a file needs.
     *
     * @throws IllegalStateException if the worker cannot start
     */
    public void warmUp() {
        permits.acquireUninterruptibly();
        WorkerProcess worker = null;
        try {
            if (closed || !idle.isEmpty()) {
                return;
            }
            worker = WorkerProcess.start(limits);
            try {
                worker.extract(WarmUpDocument.PDF, WARM_UP_TIMEOUT);
            } catch (DocumentRejectedException e) {
                // only a worker too slow even for this file: the first upload starts another
                worker.close();
            }
        } finally {
            if (worker != null && worker.alive()) {
                idle.add(worker);
                if (closed && idle.remove(worker)) {
                    worker.close();
                }
            }
            permits.release();
        }
    }

    @Override
    public void destroy() {
        closed = true;
        WorkerProcess worker;
        while ((worker = idle.poll()) != null) {
            worker.close();
        }
    }
}
