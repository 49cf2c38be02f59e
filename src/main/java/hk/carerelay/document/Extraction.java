package hk.carerelay.document;

import java.util.List;

/**
 * What was read from a document: its detected type, its whole text, and the pages that text came from. Offsets of
 * pages, OCR words and masks all point into {@link #text()}.
 */
public record Extraction(DocumentType type, String text, List<Page> pages) {

    public Extraction {
        pages = List.copyOf(pages);
    }

    /**
     * Characters {@code [start, end)} of the text. A page read by OCR carries the image it was read from (PNG, made by
     * the worker, not the uploaded bytes) and where each word stands on it; a page with a text layer carries neither.
     */
    public record Page(int start, int end, byte[] image, List<Word> words) {

        public Page {
            words = List.copyOf(words);
        }

        static Page text(int start, int end) {
            return new Page(start, end, null, List.of());
        }

        public boolean scanned() {
            return image != null;
        }
    }

    /** A word found by OCR: its characters in the text and its box in pixels on the page image. */
    public record Word(int start, int end, int left, int top, int width, int height) {
    }
}
