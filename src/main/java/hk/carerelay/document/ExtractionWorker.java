package hk.carerelay.document;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the worker JVM that reads documents for {@link DocumentExtractor}: one request at a time from standard
 * input, answers on standard output, until its input closes. Public only because a JVM must be able to start it.
 */
public final class ExtractionWorker {

    private ExtractionWorker() {
    }

    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        // whatever a library prints must not end up in the answers
        System.setOut(System.err);
        // killed with the application: a worker caught in a hostile file would otherwise outlive it
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
        quietLogging();
        ContentExtraction extraction = new ContentExtraction(DocumentLimits.fromWorkerArgs(args));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        out.writeInt(WorkerProtocol.READY);
        out.flush();
        while (true) {
            byte[] content;
            try {
                content = WorkerProtocol.readRequest(in);
            } catch (EOFException e) {
                return;
            }
            try {
                WorkerProtocol.writeExtraction(out, extraction.extract(content));
            } catch (DocumentRejectedException e) {
                WorkerProtocol.writeRejection(out, e);
            } catch (StackOverflowError e) {
                WorkerProtocol.writeRejection(out, new DocumentRejectedException(
                        DocumentRejectedException.Reason.MALFORMED, "The file is too deeply structured to read."));
            } catch (RuntimeException e) {
                WorkerProtocol.writeFailure(out, e);
            }
        }
    }

    private static void quietLogging() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}
