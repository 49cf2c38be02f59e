package hk.carerelay.redaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The redaction corpus: synthetic Hong Kong clinical documents under {@code src/test/resources/redaction/corpus/},
 * each a plain-text file {@code <id>.txt} with a label file {@code <id>.tsv}, listed in {@code index.txt}.
 *
 * <p>A label line is {@code TYPE<TAB>text}: TYPE is a {@link PiiType} name, or {@code KEEP} for a clinical string that
 * redaction must leave intact; {@code \n} in the text stands for a line break. Each line claims the first whole-word
 * occurrence of its text ("Ho" is not the start of "Hospital") after the one the previous line with the same text
 * claimed, that overlaps no label claimed before it. KEEP lines come after the labels. Offsets are computed here, so
 * the files stay editable by hand. A label that cannot be placed is an error.
 *
 * <p>For the document pipeline's tests: the same texts rendered as DOCX, PDF or scans must yield the same labels.
 */
public final class RedactionCorpus {

    static final String ROOT = "redaction/corpus/";

    /** Personal data that a document holds at {@code [start, end)}. */
    public record Label(PiiType type, int start, int end, String text) {
    }

    /** A clinical string at {@code [start, end)} that redaction must not touch. */
    public record Keep(int start, int end, String text) {
    }

    public record Document(String id, String text, List<Label> labels, List<Keep> keep) {

        public List<Label> labels(PiiType type) {
            return labels.stream().filter(l -> l.type() == type).toList();
        }
    }

    private RedactionCorpus() {
    }

    /** Every document of the corpus, in index order. */
    public static List<Document> load() {
        List<Document> documents = new ArrayList<>();
        for (String id : read(ROOT + "index.txt").split("\n")) {
            if (!id.isBlank()) {
                documents.add(parse(id.strip(), read(ROOT + id.strip() + ".txt"), read(ROOT + id.strip() + ".tsv")));
            }
        }
        return List.copyOf(documents);
    }

    static Document parse(String id, String text, String tsv) {
        List<Label> labels = new ArrayList<>();
        List<Keep> keep = new ArrayList<>();
        List<int[]> claimed = new ArrayList<>();
        Map<String, Integer> cursor = new HashMap<>();
        int lineNo = 0;
        for (String line : tsv.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", 2);
            if (cells.length != 2 || cells[1].isEmpty()) {
                throw new IllegalStateException(id + ".tsv:" + lineNo + ": expected TYPE<TAB>text");
            }
            String value = cells[1].replace("\\n", "\n");
            boolean isKeep = cells[0].equals("KEEP");
            int at = cursor.getOrDefault(value, 0);
            int start;
            while (true) {
                start = text.indexOf(value, at);
                if (start < 0) {
                    throw new IllegalStateException(id + ".tsv:" + lineNo + ": text not found: " + cells[1]);
                }
                int s = start;
                int e = start + value.length();
                if (wholeWord(text, s, e) && claimed.stream().noneMatch(c -> s < c[1] && c[0] < e)) {
                    break;
                }
                at = start + 1;
            }
            cursor.put(value, start + value.length());
            if (isKeep) {
                keep.add(new Keep(start, start + value.length(), value));
            } else {
                labels.add(new Label(PiiType.valueOf(cells[0]), start, start + value.length(), value));
                claimed.add(new int[] {start, start + value.length()});
            }
        }
        return new Document(id, text, List.copyOf(labels), List.copyOf(keep));
    }

    /** "Ho" labels the name, not the start of "Hospital". */
    private static boolean wholeWord(String text, int start, int end) {
        return !(start > 0 && isAsciiAlnum(text.charAt(start - 1)) && isAsciiAlnum(text.charAt(start)))
                && !(end < text.length() && isAsciiAlnum(text.charAt(end)) && isAsciiAlnum(text.charAt(end - 1)));
    }

    private static boolean isAsciiAlnum(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static String read(String resource) {
        try (InputStream in = RedactionCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
