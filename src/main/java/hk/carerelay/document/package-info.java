/**
 * The one encrypted document store: every stored file (original, redacted copy, rendered page) is a blob encrypted at
 * rest under its own data key, read back only after its integrity is checked; key rotation and export to other
 * institutions as CMS. Extraction, redaction and access decisions belong elsewhere and call in through
 * {@link hk.carerelay.document.DocumentStore}; keys stay in {@code crypto}.
 */
package hk.carerelay.document;
