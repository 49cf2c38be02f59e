package hk.carerelay.document;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import hk.carerelay.document.DocumentRejectedException.Reason;

/**
 * Looks inside a zip container (DOCX) before any parser does: every entry is inflated and counted, so a bomb is
 * caught by what it really unpacks to rather than by what its headers claim. Also refuses macros and DTDs.
 */
final class ZipInspection {

    private static final int MAX_ENTRIES = 10_000;
    // small parts compress far better than large ones; this much slack keeps a tiny styles.xml from tripping the ratio
    private static final long RATIO_SLACK_BYTES = 4096;
    private static final byte[][] DTD_MARKERS = {ascii("<!doctype"), ascii("<!entity")};

    private final DocumentLimits limits;

    ZipInspection(DocumentLimits limits) {
        this.limits = limits;
    }

    static boolean isZip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    void inspect(byte[] content) {
        CountingStream counted = new CountingStream(new ByteArrayInputStream(content));
        long unpackedTotal = 0;
        int entries = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream zip = new ZipInputStream(counted)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new DocumentRejectedException(Reason.ZIP_BOMB, "The file holds too many parts.");
                }
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                String fileName = lower.substring(lower.lastIndexOf('/') + 1);
                if (fileName.equals("vbaproject.bin") || fileName.equals("vbadata.xml")) {
                    throw new DocumentRejectedException(Reason.MACROS,
                            "The document contains macros. Save it as a plain .docx without macros and upload again.");
                }
                boolean xml = lower.endsWith(".xml") || lower.endsWith(".rels");
                boolean contentTypes = lower.equals("[content_types].xml");
                Matcher dtd = new Matcher(DTD_MARKERS);
                Matcher macro = new Matcher(new byte[][] {ascii("macroenabled")});
                long packedAtStart = counted.count;
                long unpacked = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    unpacked += n;
                    unpackedTotal += n;
                    if (unpackedTotal > limits.maxUnpackedSize().toBytes()) {
                        throw new DocumentRejectedException(Reason.ZIP_BOMB,
                                "The file unpacks to more than " + limits.maxUnpackedSize().toMegabytes() + " MB.");
                    }
                    long packed = counted.count - packedAtStart;
                    if (unpacked > limits.maxCompressionRatio() * (packed + RATIO_SLACK_BYTES)) {
                        throw new DocumentRejectedException(Reason.ZIP_BOMB,
                                "Part " + name + " is compressed suspiciously well; the file looks like a zip bomb.");
                    }
                    if (xml && dtd.feed(buffer, n)) {
                        throw new DocumentRejectedException(Reason.EXTERNAL_ENTITIES,
                                "The document declares a DTD or entities, which Word never writes; it is refused.");
                    }
                    if (contentTypes && macro.feed(buffer, n)) {
                        throw new DocumentRejectedException(Reason.MACROS,
                                "The document is macro-enabled. Save it as a plain .docx and upload again.");
                    }
                }
            }
        } catch (IOException e) {
            throw new DocumentRejectedException(Reason.MALFORMED, "The file is damaged and cannot be unpacked.");
        }
        if (entries == 0) {
            throw new DocumentRejectedException(Reason.MALFORMED, "The file is damaged and cannot be unpacked.");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Case-insensitive search for ASCII markers across buffer boundaries. */
    private static final class Matcher {
        private final byte[][] markers;
        private final int[] matched;

        Matcher(byte[][] markers) {
            this.markers = markers;
            this.matched = new int[markers.length];
        }

        boolean feed(byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                int b = buffer[i];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                for (int m = 0; m < markers.length; m++) {
                    byte[] marker = markers[m];
                    if (marker[matched[m]] == b) {
                        if (++matched[m] == marker.length) {
                            return true;
                        }
                    } else {
                        matched[m] = marker[0] == b ? 1 : 0;
                    }
                }
            }
            return false;
        }
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
