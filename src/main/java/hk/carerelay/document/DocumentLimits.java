package hk.carerelay.document;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code carerelay.documents.*}: what an uploaded file may be and how much the worker that reads it may spend.
 *
 * @param maxSize            largest upload
 * @param maxPages           most pages (PDF, multi-page TIFF)
 * @param maxCharacters      most characters of extracted text
 * @param maxNestingDepth    how deep documents may be embedded in one another
 * @param maxCompressionRatio largest unpacked-to-packed ratio of a zip entry (DOCX)
 * @param maxUnpackedSize    most bytes a zip (DOCX) may unpack to
 * @param maxPixels          largest image or rendered page, in pixels
 * @param timeout            longest a file may take to read, OCR included
 * @param workerHeap         heap of the worker JVM
 * @param workers            worker processes reading files in parallel
 * @param ocrLanguages       Tesseract languages
 * @param ocrDpi             resolution at which PDF pages without text are rendered for OCR
 * @param tesseract          the Tesseract command
 * @param cjkFont            TrueType font (or collection) for Chinese text in generated PDFs (Debian fonts-wqy-microhei)
 */
@ConfigurationProperties("carerelay.documents")
public record DocumentLimits(
        @DefaultValue("25MB") DataSize maxSize,
        @DefaultValue("500") int maxPages,
        @DefaultValue("2000000") int maxCharacters,
        @DefaultValue("3") int maxNestingDepth,
        @DefaultValue("100") int maxCompressionRatio,
        @DefaultValue("250MB") DataSize maxUnpackedSize,
        @DefaultValue("60000000") long maxPixels,
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("512MB") DataSize workerHeap,
        @DefaultValue("1") int workers,
        @DefaultValue("eng+chi_tra") String ocrLanguages,
        @DefaultValue("300") int ocrDpi,
        @DefaultValue("tesseract") String tesseract,
        @DefaultValue("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc") Path cjkFont) {

    public static DocumentLimits defaults() {
        return new DocumentLimits(DataSize.ofMegabytes(25), 500, 2_000_000, 3, 100, DataSize.ofMegabytes(250),
                60_000_000, Duration.ofSeconds(60), DataSize.ofMegabytes(512), 1, "eng+chi_tra", 300, "tesseract",
                Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"));
    }

    public DocumentLimits withTimeout(Duration value) {
        return new DocumentLimits(maxSize, maxPages, maxCharacters, maxNestingDepth, maxCompressionRatio,
                maxUnpackedSize, maxPixels, value, workerHeap, workers, ocrLanguages, ocrDpi, tesseract, cjkFont);
    }

    /** The limits the worker process enforces itself, as its command-line arguments. */
    List<String> toWorkerArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("maxSize", Long.toString(maxSize.toBytes()));
        args.put("maxPages", Integer.toString(maxPages));
        args.put("maxCharacters", Integer.toString(maxCharacters));
        args.put("maxNestingDepth", Integer.toString(maxNestingDepth));
        args.put("maxCompressionRatio", Integer.toString(maxCompressionRatio));
        args.put("maxUnpackedSize", Long.toString(maxUnpackedSize.toBytes()));
        args.put("maxPixels", Long.toString(maxPixels));
        args.put("timeout", timeout.toString());
        args.put("ocrLanguages", ocrLanguages);
        args.put("ocrDpi", Integer.toString(ocrDpi));
        args.put("tesseract", tesseract);
        return args.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    static DocumentLimits fromWorkerArgs(String[] argv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : argv) {
            String[] kv = arg.split("=", 2);
            args.put(kv[0], kv[1]);
        }
        DocumentLimits d = defaults();
        return new DocumentLimits(DataSize.ofBytes(Long.parseLong(args.get("maxSize"))),
                Integer.parseInt(args.get("maxPages")), Integer.parseInt(args.get("maxCharacters")),
                Integer.parseInt(args.get("maxNestingDepth")), Integer.parseInt(args.get("maxCompressionRatio")),
                DataSize.ofBytes(Long.parseLong(args.get("maxUnpackedSize"))), Long.parseLong(args.get("maxPixels")),
                Duration.parse(args.get("timeout")), d.workerHeap(), 1, args.get("ocrLanguages"),
                Integer.parseInt(args.get("ocrDpi")), args.get("tesseract"), d.cjkFont());
    }
}
