package hk.carerelay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import hk.carerelay.redaction.PiiDetector;
import hk.carerelay.redaction.RedactionCorpus;
import hk.carerelay.redaction.RedactionProperties;

/**
 * Detection benchmark (not a test): milliseconds of {@link PiiDetector#detect} per 1,000 characters of extracted text,
 * on one thread, over the redaction corpus, document by document and as one long text (all documents joined, as a
 * long discharge summary or a many-page scan would arrive).
 *
 * <p>Arguments (all optional): {@code --rounds=R} (default 5), {@code --seconds=S} per round (default 5),
 * {@code --warmup-seconds=W} (default 10).
 */
public final class PiiDetectionBench {

    private PiiDetectionBench() {
    }

    public static void main(String[] args) {
        int rounds = 5;
        double seconds = 5;
        double warmupSeconds = 10;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "--rounds" -> rounds = Integer.parseInt(kv[1]);
                case "--seconds" -> seconds = Double.parseDouble(kv[1]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg
                        + " (options: --rounds=R --seconds=S --warmup-seconds=W)");
            }
        }
        PiiDetector detector = PiiDetector.withStandardRecognizers(RedactionProperties.defaults());
        List<String> documents = RedactionCorpus.load().stream().map(RedactionCorpus.Document::text).toList();
        String joined = String.join("\n\n", documents);
        long corpusChars = documents.stream().mapToLong(String::length).sum();

        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s (%s), %s %s; load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "corpus: %d documents, %d characters (%.0f per document on average)%n",
                documents.size(), corpusChars, (double) corpusChars / documents.size());

        run(detector, documents, warmupSeconds); // warm-up: JIT and regex caches
        double[] perDocument = new double[rounds];
        double[] perDocumentWall = new double[rounds];
        double[] longText = new double[rounds];
        double[] longTextWall = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] d = run(detector, documents, seconds);
            double[] l = run(detector, List.of(joined), seconds);
            perDocument[r] = d[0];
            perDocumentWall[r] = d[1];
            longText[r] = l[0];
            longTextWall[r] = l[1];
            System.out.printf(Locale.ROOT,
                    "round %d: document by document %.3f CPU ms (%.3f wall ms) per 1,000 characters; one %d-character"
                            + " text %.3f CPU ms (%.3f wall ms) per 1,000 characters; load average %.2f%n",
                    r + 1, d[0], d[1], joined.length(), l[0], l[1],
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.out.printf(Locale.ROOT, "median CPU ms per 1,000 characters: document by document %.3f"
                + " (range %.3f-%.3f), long text %.3f (range %.3f-%.3f)%n", median(perDocument), min(perDocument),
                max(perDocument), median(longText), min(longText), max(longText));
        System.out.printf(Locale.ROOT,
                "median wall ms per 1,000 characters: document by document %.3f, long text %.3f%n",
                median(perDocumentWall), median(longTextWall));
        System.out.println("findings (keeps the work observable): " + sink);
    }

    private static long sink;

    /** Detects in the texts over and over for about {@code seconds}; answers CPU and wall ms per 1,000 characters. */
    private static double[] run(PiiDetector detector, List<String> texts, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long chars = 0;
        long findings = 0;
        long started = System.nanoTime();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long deadline = started + (long) (seconds * 1e9);
        do {
            for (String text : texts) {
                findings += detector.detect(text).size();
                chars += text.length();
            }
        } while (System.nanoTime() < deadline);
        long cpu = threads.getCurrentThreadCpuTime() - cpuStarted;
        long wall = System.nanoTime() - started;
        sink += findings;
        return new double[] {cpu / 1e6 / (chars / 1000.0), wall / 1e6 / (chars / 1000.0)};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
