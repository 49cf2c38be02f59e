package hk.carerelay.document;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the words on an image with Tesseract (its TSV output), keeping each word's box so that a mask on the text can
 * be burnt into the image at the right place.
 */
final class Ocr {

    /** The text read from one image, and its words with offsets into that text. */
    record Result(String text, List<Extraction.Word> words) {
    }

    private final DocumentLimits limits;

    Ocr(DocumentLimits limits) {
        this.limits = limits;
    }

    /** Reads an image (PNG); {@code dpi} is its resolution if known, else 0 and Tesseract estimates it. */
    Result read(byte[] png, int dpi) {
        // the page goes to Tesseract through a pipe: no image of patient content is written to disk
        List<String> command = new ArrayList<>(List.of(limits.tesseract(), "stdin", "stdout",
                "-l", limits.ocrLanguages(), "--psm", "3", "-c", "preserve_interword_spaces=1"));
        if (dpi > 0) {
            command.addAll(List.of("--dpi", Integer.toString(dpi)));
        }
        command.add("tsv");
        ProcessBuilder builder = new ProcessBuilder(command);
        // multi-threaded Tesseract is several times slower on a machine with few cores
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run Tesseract (" + limits.tesseract() + ")", e);
        }
        try {
            Thread feeder = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(png);
                } catch (IOException e) {
                    // Tesseract stopped reading; its exit status tells what happened
                }
            }, "ocr-input");
            feeder.start();
            byte[] tsv = process.getInputStream().readAllBytes();
            if (!process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Tesseract did not finish");
            }
            feeder.join();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Tesseract failed with exit code " + process.exitValue());
            }
            return parse(new String(tsv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Tesseract's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading text with Tesseract", e);
        } finally {
            process.destroyForcibly();
        }
    }

    static Result parse(String tsv) {
        StringBuilder text = new StringBuilder();
        List<Extraction.Word> words = new ArrayList<>();
        String previousLine = null;
        for (String row : tsv.split("\n")) {
            String[] cols = row.split("\t", -1);
            if (cols.length < 12 || !"5".equals(cols[0])) {
                continue;
            }
            String word = cols[11].strip();
            if (word.isEmpty()) {
                continue;
            }
            String line = cols[1] + '/' + cols[2] + '/' + cols[3] + '/' + cols[4];
            if (previousLine != null) {
                if (!line.equals(previousLine)) {
                    text.append('\n');
                } else if (!(isHan(text.codePointBefore(text.length())) && isHan(word.codePointAt(0)))) {
                    text.append(' ');
                }
            }
            previousLine = line;
            int start = text.length();
            text.append(word);
            words.add(new Extraction.Word(start, text.length(), Integer.parseInt(cols[6]), Integer.parseInt(cols[7]),
                    Integer.parseInt(cols[8]), Integer.parseInt(cols[9])));
        }
        return new Result(text.toString(), words);
    }

    // Chinese is written without spaces; Tesseract's word split there is not a word boundary
    private static boolean isHan(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || Character.UnicodeBlock.of(codePoint) == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || Character.UnicodeBlock.of(codePoint) == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }
}
