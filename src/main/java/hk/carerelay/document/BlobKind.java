package hk.carerelay.document;

/** What a stored blob is to its document. */
public enum BlobKind {
    /** The file as uploaded. */
    ORIGINAL,
    /** A copy with personal data removed. */
    REDACTED,
    /** One page rendered as an image. */
    RENDERED_PAGE,
    /** Text extracted from a file or from its redacted copy. */
    TEXT,
    /** The personal data found in a document's text (JSON), with the values themselves. */
    FINDINGS,
    /** Where a document's pages lie in its extracted text, with the words' boxes on pages read by OCR (JSON). */
    LAYOUT,
    /** The body of a secure message, with the thread and author it was written for (JSON). */
    MESSAGE,
    /** A discharge summary's clinical content, with the handover it was written for (JSON). */
    DISCHARGE_SUMMARY,
    /** A result that arrived after discharge, with the handover and pending item it answers (JSON). */
    DISCHARGE_RESULT,
    /** A patient's (or substitute decision maker's) drawn signature on a consent, as PNG. */
    CONSENT_SIGNATURE,
    /** A signed consent form, as PDF. */
    CONSENT_FORM,
    /** A cross-department consultation's question or opinion, with the consultation it belongs to (JSON). */
    CONSULTATION
}
