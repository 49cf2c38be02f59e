package hk.carerelay.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;

import hk.carerelay.crypto.AssociatedData;
import hk.carerelay.crypto.EnvelopeEncryption;
import hk.carerelay.crypto.TemporaryKeys;
import hk.carerelay.document.DocumentExtractor;
import hk.carerelay.document.DocumentLimits;
import hk.carerelay.document.Extraction;
import hk.carerelay.document.Redactor;
import hk.carerelay.document.TextSpan;
import hk.carerelay.redaction.Finding;
import hk.carerelay.redaction.Masking;
import hk.carerelay.redaction.PiiDetector;
import hk.carerelay.redaction.RedactionProperties;

/**
 * Document pipeline benchmark (not a test). For text PDFs of several lengths, in the same JVM and run: Tika's
 * extraction alone (AutoDetectParser in this JVM, as a plain Tika integration would call it) against the whole
 * pipeline ({@link DocumentExtractor} in its worker process, then finding what to mask with the PII detector, writing the
 * redacted PDF with {@link Redactor} and encrypting what an upload and its release store), with each phase's time.
 * Then OCR seconds per scanned page. Results: docs/performance.md.
 *
 * <p>Arguments: {@code [rounds] [pages,...] [ocrPages] [isolated]}, defaults {@code 30 1,10,50 4}. With
 * {@code isolated} (rounds and OCR pages are then ignored), only the work after extraction, each step warm on its own.
 */
public final class DocumentPipelineBench {

    private DocumentPipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int[] pageCounts = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 10, 50};
        int ocrPages = args.length > 2 ? Integer.parseInt(args[2]) : 4;

        DocumentLimits limits = DocumentLimits.defaults();
        DocumentExtractor extractor = new DocumentExtractor(limits);
        Redactor redactor = new Redactor(extractor, limits);
        AutoDetectParser tika = new AutoDetectParser();
        System.out.printf("date %s, %d cores, Java %s, load average %.1f%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try {
            // as the application does once it is up (DocumentWarmUp)
            ENVELOPES.warmUp();
            extractor.warmUp();
            if (args.length > 3 && args[3].equals("isolated")) {
                isolated(extractor, redactor, pageCounts);
                return;
            }
            System.out.println("| pages | PDF KB | Tika alone ms | pipeline ms | ratio | extract | detect | redact | seal "
                    + "| masked spans | Tika alone CPU ms | pipeline CPU ms | CPU ratio | CPU: worker, hand-over, detect, "
                    + "redact, seal | Tika alone thread CPU | work CPU ratio | load average |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (int pages : pageCounts) {
                byte[] pdf = letter(pages);
                // warm-up: both paths, until the JIT has compiled them (about 2,000 pages read each way; a short
                // warm-up left the worker, a JVM of its own, measured while still compiling)
                for (int i = 0; i < Math.max(Math.max(5, rounds / 3), 2000 / pages); i++) {
                    tikaAlone(tika, pdf);
                    pipeline(extractor, redactor, pdf);
                }
                long[] tikaNanos = new long[rounds];
                long[][] phaseNanos = new long[5][rounds];
                int spans = 0;
                for (int i = 0; i < rounds; i++) {
                    // alternate the order so that neither path always runs on a machine the other just warmed
                    if (i % 2 == 0) {
                        tikaNanos[i] = tikaAlone(tika, pdf);
                    }
                    long[] p = pipeline(extractor, redactor, pdf);
                    for (int phase = 0; phase < 5; phase++) {
                        phaseNanos[phase][i] = p[phase];
                    }
                    spans = (int) p[5];
                    if (i % 2 == 1) {
                        tikaNanos[i] = tikaAlone(tika, pdf);
                    }
                }
                double t = median(tikaNanos) / 1e6;
                double w = median(phaseNanos[4]) / 1e6;
                // CPU of this JVM and of the worker together, in blocks: less at the mercy of a shared machine
                long tikaThreadBefore = THREADS.getCurrentThreadCpuTime();
                double tikaCpu = cpuMillis(rounds, () -> tikaAlone(tika, pdf));
                double tikaThreadCpu = (THREADS.getCurrentThreadCpuTime() - tikaThreadBefore) / 1e6 / rounds;
                Arrays.fill(PHASE_CPU, 0);
                long workerBefore = childrenCpuNanos();
                double wholeCpu = cpuMillis(rounds, () -> pipeline(extractor, redactor, pdf));
                double workerCpu = (childrenCpuNanos() - workerBefore) / 1e6 / rounds;
                System.out.printf(Locale.ROOT,
                        "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %.1f | %.1f | %.2f "
                                + "| %.1f, %.1f, %.1f, %.1f, %.1f | %.1f | %.2f | %.1f |%n",
                        pages, pdf.length / 1024, t, w, w / t, median(phaseNanos[0]) / 1e6,
                        median(phaseNanos[1]) / 1e6, median(phaseNanos[2]) / 1e6, median(phaseNanos[3]) / 1e6, spans,
                        tikaCpu, wholeCpu, wholeCpu / tikaCpu, workerCpu, PHASE_CPU[0] / 1e6 / rounds,
                        PHASE_CPU[1] / 1e6 / rounds, PHASE_CPU[2] / 1e6 / rounds, PHASE_CPU[3] / 1e6 / rounds,
                        tikaThreadCpu, (workerCpu + Arrays.stream(PHASE_CPU).sum() / 1e6 / rounds) / tikaThreadCpu,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }

            if (ocrPages == 0) {
                return;
            }
            System.out.println();
            System.out.println("| OCR languages | scanned pages | seconds | seconds per page |");
            System.out.println("|---|---|---|---|");
            byte[] scanned = scanned(ocrPages);
            for (String languages : List.of("eng", "eng+chi_tra")) {
                DocumentExtractor ocr = languages.equals(limits.ocrLanguages()) ? extractor
                        : new DocumentExtractor(withLanguages(limits, languages));
                try {
                    ocr.warmUp();
                    ocr.extract(scanned(1));
                    long started = System.nanoTime();
                    Extraction read = ocr.extract(scanned);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("| %s | %d | %.1f | %.2f |%n", languages, read.pages().size(), seconds,
                            seconds / read.pages().size());
                } finally {
                    if (ocr != extractor) {
                        ocr.destroy();
                    }
                }
            }
        } finally {
            extractor.destroy();
        }
    }

    interface Run {
        Object run() throws Exception;
    }

    /** CPU milliseconds per call, over {@code rounds} calls: this JVM plus every process it started (the worker). */
    private static double cpuMillis(int rounds, Run run) throws Exception {
        long before = cpuNanos();
        for (int i = 0; i < rounds; i++) {
            run.run();
        }
        return (cpuNanos() - before) / 1e6 / rounds;
    }

    private static long cpuNanos() {
        long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return own + childrenCpuNanos();
    }

    /** CPU time of every process this JVM started: the worker. */
    private static long childrenCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum();
    }

    /** CPU time of the calling thread in each phase, summed: reading the worker's answer, detect, redact, seal. */
    private static final long[] PHASE_CPU = new long[4];
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long tikaAlone(AutoDetectParser tika, byte[] pdf) throws Exception {
        long started = System.nanoTime();
        BodyContentHandler handler = new BodyContentHandler(-1);
        ParseContext context = new ParseContext();
        PDFParserConfig config = new PDFParserConfig();
        config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, config);
        try (TikaInputStream in = TikaInputStream.get(pdf)) {
            tika.parse(in, handler, new Metadata(), context);
        }
        if (handler.toString().length() < 100) {
            throw new IllegalStateException("Tika read nothing");
        }
        return System.nanoTime() - started;
    }

    /** The application's detector with the default policy: the pipeline finds what to mask as uploads do. */
    private static final PiiDetector DETECTOR = PiiDetector.withStandardRecognizers(RedactionProperties.defaults());
    private static final EnvelopeEncryption ENVELOPES = envelopes();

    private static EnvelopeEncryption envelopes() {
        try {
            return TemporaryKeys.envelopeEncryption();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Nanoseconds to extract (in the worker, with the hand-over), to detect, to write the redacted PDF, to encrypt what
     * is stored, and for the whole; then the number of spans masked.
     */
    private static long[] pipeline(DocumentExtractor extractor, Redactor redactor, byte[] pdf) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        Extraction read = extractor.extract(pdf);
        long extracted = System.nanoTime();
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        List<Finding> masked = DETECTOR.toMask(DETECTOR.detect(read.text()));
        List<TextSpan> spans = new ArrayList<>();
        for (Finding f : masked) {
            spans.add(new TextSpan(f.start(), f.end()));
        }
        long detected = System.nanoTime();
        long cpu2 = THREADS.getCurrentThreadCpuTime();
        byte[] redacted = redactor.redact(read, spans);
        long rendered = System.nanoTime();
        long cpu3 = THREADS.getCurrentThreadCpuTime();
        seal(stored(pdf, read, masked, redacted));
        long done = System.nanoTime();
        long cpu4 = THREADS.getCurrentThreadCpuTime();
        PHASE_CPU[0] += cpu1 - cpu0;
        PHASE_CPU[1] += cpu2 - cpu1;
        PHASE_CPU[2] += cpu3 - cpu2;
        PHASE_CPU[3] += cpu4 - cpu3;
        if (redacted.length < 500 || spans.isEmpty()) {
            throw new IllegalStateException("nothing redacted");
        }
        return new long[] {extracted - started, detected - extracted, rendered - detected, done - rendered,
                done - started, spans.size()};
    }

    /**
     * What an upload and its release store, each under its own data key: the original (a PDF is its own viewable copy),
     * its text, the findings, the redacted PDF, the redacted text and the findings as released (here one line each,
     * about the size of their JSON).
     */
    private static List<byte[]> stored(byte[] pdf, Extraction read, List<Finding> masked, byte[] redacted) {
        StringBuilder findings = new StringBuilder();
        masked.forEach(f -> findings.append(f).append('\n'));
        byte[] findingsBytes = findings.toString().getBytes(StandardCharsets.UTF_8);
        return List.of(pdf, read.text().getBytes(StandardCharsets.UTF_8), findingsBytes, redacted,
                Masking.mask(read.text(), masked).getBytes(StandardCharsets.UTF_8), findingsBytes);
    }

    private static void seal(List<byte[]> blobs) {
        for (byte[] blob : blobs) {
            String id = UUID.randomUUID().toString();
            ENVELOPES.seal(blob, AssociatedData.of("carerelay-blob-v1", id, "BENCH", "application/octet-stream",
                    Long.toString(blob.length)), id);
        }
    }

    /**
     * The work after extraction on its own: detection, the redacted copy and the six seals, each repeated in blocks on
     * one letter already read, so that each runs warm, with nothing in between (medians of ten blocks). Against the
     * pipeline's phases this shows what running cold after extraction costs.
     */
    private static void isolated(DocumentExtractor extractor, Redactor redactor, int[] pageCounts) throws IOException {
        System.out.println("| pages | detection ms | redacted copy ms | six seals ms | together ms |");
        System.out.println("|---|---|---|---|---|");
        for (int pages : pageCounts) {
            byte[] pdf = letter(pages);
            Extraction read = extractor.extract(pdf);
            List<Finding> masked = DETECTOR.toMask(DETECTOR.detect(read.text()));
            List<TextSpan> spans = masked.stream().map(f -> new TextSpan(f.start(), f.end())).toList();
            List<byte[]> blobs = stored(pdf, read, masked, redactor.redact(read, spans));
            List<Runnable> steps = List.of(() -> DETECTOR.toMask(DETECTOR.detect(read.text())),
                    () -> redactor.redact(read, spans), () -> seal(blobs));
            for (int i = 0; i < 20_000 / pages; i++) {
                steps.forEach(Runnable::run);
            }
            long[][] blockNanos = new long[steps.size()][10];
            int calls = 2_000 / pages + 10;
            for (int block = 0; block < 10; block++) {
                for (int step = 0; step < steps.size(); step++) {
                    long started = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        steps.get(step).run();
                    }
                    blockNanos[step][block] = (System.nanoTime() - started) / calls;
                }
            }
            double[] ms = Arrays.stream(blockNanos).mapToDouble(b -> median(b) / 1e6).toArray();
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f |%n", pages, ms[0], ms[1], ms[2],
                    ms[0] + ms[1] + ms[2]);
        }
    }

    /** A referral letter of that many A4 pages, 45 lines each, naming the patient now and then. */
    static byte[] letter(int pages) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument document = new PDDocument()) {
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(15);
                    content.newLineAtOffset(50, 790);
                    for (int line = 0; line < 45; line++) {
                        content.showText(switch (line % 9) {
                            case 0 -> "Patient CHAN Tai Man, HKID A123456(3), referred by Dr WONG Mei Ling, phone 9123 4567.";
                            case 3 -> "History: exertional chest pain for three weeks, relieved by rest; no syncope.";
                            case 6 -> "Medication: aspirin 80 mg daily, atorvastatin 20 mg nightly, amlodipine 5 mg.";
                            default -> "Line " + line + " of page " + (p + 1) + ": examination and findings as discussed.";
                        });
                        content.newLine();
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** Image-only A4 pages at 300 dpi with about 25 lines of English each. */
    static byte[] scanned(int pages) throws IOException {
        Font font = new Font(Font.SERIF, Font.PLAIN, 42);
        try (PDDocument document = new PDDocument()) {
            for (int p = 0; p < pages; p++) {
                BufferedImage image = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = image.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
                g.setColor(Color.BLACK);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(font);
                for (int line = 0; line < 25; line++) {
                    g.drawString("Line " + line + ": patient reviewed in clinic, blood pressure 130/85, stable.", 200,
                            300 + line * 120);
                }
                g.dispose();
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(LosslessFactory.createFromImage(document, image), 0, 0,
                            PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static DocumentLimits withLanguages(DocumentLimits d, String languages) {
        return new DocumentLimits(d.maxSize(), d.maxPages(), d.maxCharacters(), d.maxNestingDepth(),
                d.maxCompressionRatio(), d.maxUnpackedSize(), d.maxPixels(), d.timeout(), d.workerHeap(), d.workers(),
                languages, d.ocrDpi(), d.tesseract(), d.cjkFont());
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
