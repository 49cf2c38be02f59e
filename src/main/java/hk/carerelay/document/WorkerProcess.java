package hk.carerelay.document;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hk.carerelay.document.DocumentRejectedException.Reason;

/**
 * One worker JVM ({@link ExtractionWorker}) with its own heap limit. A request that runs past the time limit has the
 * worker and everything it started killed; a worker that dies of its file (out of memory) is not reused.
 */
final class WorkerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    // the JVM's exit status under -XX:+ExitOnOutOfMemoryError
    private static final int OUT_OF_MEMORY_EXIT = 3;

    /**
     * Kills a worker whose request or start runs past its time; one thread for all workers. The calling thread itself
     * writes the request and reads the answer, so an answer reaches it without a hand-over between threads (each
     * costs a wake-up); a killed worker ends the read.
     */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream answers;
    private volatile boolean timedOut;

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "document-worker-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    /** Kills the worker if it is still at its task when the time is up; cancel the alarm once it is done. */
    private ScheduledFuture<?> alarm(Duration timeout) {
        return WATCHDOG.schedule(() -> {
            timedOut = true;
            kill();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    static WorkerProcess start(DocumentLimits limits) {
        ProcessBuilder builder = new ProcessBuilder(command(limits));
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the document worker", e);
        }
        drain(process);
        WorkerProcess worker = new WorkerProcess(process);
        ScheduledFuture<?> alarm = worker.alarm(START_TIMEOUT);
        try {
            int hello = worker.answers.readInt();
            if (hello != WorkerProtocol.READY) {
                throw new IllegalStateException("the document worker answered " + hello + " instead of ready");
            }
        } catch (IOException | RuntimeException e) {
            worker.close();
            throw new IllegalStateException("the document worker did not start" + (worker.timedOut
                    ? " within " + START_TIMEOUT.toSeconds() + " seconds" : ""), e);
        } finally {
            alarm.cancel(false);
        }
        return worker;
    }

    Extraction extract(byte[] content, Duration timeout) {
        ScheduledFuture<?> alarm = alarm(timeout);
        try {
            WorkerProtocol.writeRequest(requests, content);
            return WorkerProtocol.readResponse(answers);
        } catch (DocumentRejectedException | IllegalStateException e) {
            if (!timedOut) {
                throw e;
            }
            return timedOut(timeout);
        } catch (IOException | RuntimeException e) {
            return timedOut ? timedOut(timeout) : died(e);
        } finally {
            alarm.cancel(false);
        }
    }

    private Extraction timedOut(Duration timeout) {
        close();
        throw new DocumentRejectedException(Reason.TIMED_OUT,
                "Reading the file took longer than " + timeout.toSeconds() + " seconds and was stopped.");
    }

    private Extraction died(Throwable cause) {
        int exit;
        try {
            exit = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        close();
        log.warn("document worker {} stopped while reading a file (exit {}): {}", process.pid(), exit, cause.toString());
        if (exit == OUT_OF_MEMORY_EXIT) {
            throw new DocumentRejectedException(Reason.OUT_OF_MEMORY,
                    "Reading the file needed more memory than a document may use.");
        }
        throw new DocumentRejectedException(Reason.MALFORMED, "The file could not be read; the reader stopped on it.");
    }

    /** Whether the worker can take another request: running, and not one the watchdog has killed or is killing. */
    boolean alive() {
        return process.isAlive() && !timedOut;
    }

    long pid() {
        return process.pid();
    }

    /** Kills the worker and everything it started (Tesseract), without waiting. */
    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        kill();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> command(DocumentLimits limits) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + limits.workerHeap().toMegabytes() + "m");
        command.add("-XX:MaxMetaspaceSize=256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // the JVM's own messages (such as the out-of-memory notice) would otherwise interleave with the answers
        command.add("-XX:+DisplayVMOutputToStderr");
        command.add("-Xshare:auto");
        command.add("-Djava.awt.headless=true");
        command.add("-Dfile.encoding=UTF-8");
        String classPath = System.getProperty("java.class.path");
        command.add("-cp");
        command.add(classPath);
        if (isExecutableJar(classPath)) {
            // inside the packaged application the classes are nested in the jar; its launcher finds them
            command.add("-Dloader.main=" + ExtractionWorker.class.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(ExtractionWorker.class.getName());
        }
        command.addAll(limits.toWorkerArgs());
        return command;
    }

    private static boolean isExecutableJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(Path.of(classPath))) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(Process process) {
        Thread drainer = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    log.debug("worker {}: {}", process.pid(), line.length() > 300 ? line.substring(0, 300) : line);
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }, "document-worker-stderr-" + process.pid());
        drainer.setDaemon(true);
        drainer.start();
    }
}
