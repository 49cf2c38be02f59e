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
    /** The body of a secure message, with the thread and author it was written for (JSON). */
    MESSAGE,
    /** A cross-department consultation's question or opinion, with the consultation it belongs to (JSON). */
    CONSULTATION
}
