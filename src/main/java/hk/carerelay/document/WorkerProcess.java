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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream answers;
    private final ExecutorService io;

    private WorkerProcess(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "document-worker-" + process.pid());
            t.setDaemon(true);
            return t;
        });
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
        try {
            int hello = worker.io.submit(worker.answers::readInt).get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (hello != WorkerProtocol.READY) {
                throw new IllegalStateException("the document worker answered " + hello + " instead of ready");
            }
        } catch (InterruptedException e) {
            worker.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the document worker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            worker.close();
            throw new IllegalStateException("the document worker did not start", e);
        }
        return worker;
    }

    Extraction extract(byte[] content, Duration timeout) {
        Future<Extraction> answer = io.submit(() -> {
            WorkerProtocol.writeRequest(requests, content);
            return WorkerProtocol.readResponse(answers);
        });
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new DocumentRejectedException(Reason.TIMED_OUT,
                    "Reading the file took longer than " + timeout.toSeconds() + " seconds and was stopped.");
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a document", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DocumentRejectedException refused) {
                throw refused;
            }
            if (e.getCause() instanceof IllegalStateException failed) {
                throw failed;
            }
            return died(e.getCause());
        }
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

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        io.shutdownNow();
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
