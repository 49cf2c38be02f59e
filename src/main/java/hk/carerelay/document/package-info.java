/**
 * Clinical documents: the one encrypted document store (every stored file, original, redacted copy or rendered page,
 * is a blob encrypted at rest under its own data key and integrity-checked on reading; key rotation; export as CMS),
 * and content handling (type from the content, text from Tika and Tesseract in a bounded worker process, redacted
 * copies, watermarks). Finding what to mask belongs to {@code redaction}, access decisions to {@code access}, keys to
 * {@code crypto}.
 */
package hk.carerelay.document;
