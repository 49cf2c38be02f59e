package hk.carerelay.document;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import hk.carerelay.document.DocumentRejectedException.Reason;

/**
 * What the application and the worker say to each other over the worker's standard input and output: length-prefixed
 * fields, read with bounds. Deliberately not Java serialization, since the worker handles hostile input.
 */
final class WorkerProtocol {

    static final int READY = 0x43524457;
    private static final byte OK = 0;
    private static final byte REJECTED = 1;
    private static final byte FAILED = 2;
    private static final int MAX_FIELD = 512 * 1024 * 1024;

    private WorkerProtocol() {
    }

    static void writeRequest(DataOutputStream out, byte[] content) throws IOException {
        out.writeInt(content.length);
        out.write(content);
        out.flush();
    }

    static byte[] readRequest(DataInputStream in) throws IOException {
        return readBytes(in);
    }

    static void writeExtraction(DataOutputStream out, Extraction extraction) throws IOException {
        out.writeByte(OK);
        out.writeUTF(extraction.type().name());
        writeBytes(out, extraction.text().getBytes(StandardCharsets.UTF_8));
        out.writeInt(extraction.pages().size());
        for (Extraction.Page page : extraction.pages()) {
            out.writeInt(page.start());
            out.writeInt(page.end());
            out.writeBoolean(page.scanned());
            if (page.scanned()) {
                writeBytes(out, page.image());
                out.writeInt(page.words().size());
                for (Extraction.Word w : page.words()) {
                    out.writeInt(w.start());
                    out.writeInt(w.end());
                    out.writeInt(w.left());
                    out.writeInt(w.top());
                    out.writeInt(w.width());
                    out.writeInt(w.height());
                }
            }
        }
        out.flush();
    }

    static void writeRejection(DataOutputStream out, DocumentRejectedException rejection) throws IOException {
        out.writeByte(REJECTED);
        out.writeUTF(rejection.reason().name());
        out.writeUTF(String.valueOf(rejection.getMessage()));
        out.flush();
    }

    static void writeFailure(DataOutputStream out, Throwable failure) throws IOException {
        out.writeByte(FAILED);
        out.writeUTF(failure.getClass().getName() + ": " + abbreviate(String.valueOf(failure.getMessage())));
        out.flush();
    }

    /** Reads the worker's answer: an extraction, or a refusal thrown as such, or a failure as an exception. */
    static Extraction readResponse(DataInputStream in) throws IOException {
        byte status = in.readByte();
        switch (status) {
            case OK -> {
                DocumentType type = DocumentType.valueOf(in.readUTF());
                String text = new String(readBytes(in), StandardCharsets.UTF_8);
                int pageCount = readCount(in);
                List<Extraction.Page> pages = new ArrayList<>(pageCount);
                for (int i = 0; i < pageCount; i++) {
                    int start = in.readInt();
                    int end = in.readInt();
                    checkRange(start, end, text.length());
                    if (!in.readBoolean()) {
                        pages.add(Extraction.Page.text(start, end));
                        continue;
                    }
                    byte[] image = readBytes(in);
                    int wordCount = readCount(in);
                    List<Extraction.Word> words = new ArrayList<>(wordCount);
                    for (int w = 0; w < wordCount; w++) {
                        Extraction.Word word = new Extraction.Word(in.readInt(), in.readInt(), in.readInt(),
                                in.readInt(), in.readInt(), in.readInt());
                        checkRange(word.start(), word.end(), text.length());
                        words.add(word);
                    }
                    pages.add(new Extraction.Page(start, end, image, words));
                }
                return new Extraction(type, text, pages);
            }
            case REJECTED -> throw new DocumentRejectedException(Reason.valueOf(in.readUTF()), in.readUTF());
            case FAILED -> throw new IllegalStateException("document worker failed: " + in.readUTF());
            default -> throw new IOException("unexpected answer from the document worker: " + status);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FIELD) {
            throw new IOException("field of " + length + " bytes");
        }
        return in.readNBytes(length);
    }

    private static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 10_000_000) {
            throw new IOException("count of " + count);
        }
        return count;
    }

    private static void checkRange(int start, int end, int length) throws IOException {
        if (start < 0 || end < start || end > length) {
            throw new IOException("range [" + start + ", " + end + ") outside a text of " + length);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
