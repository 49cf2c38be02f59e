package hk.carerelay.document;

/** What a stored blob is to its document. */
public enum BlobKind {
    /** The file as uploaded. */
    ORIGINAL,
    /** A copy with personal data removed. */
    REDACTED,
    /** One page rendered as an image. */
    RENDERED_PAGE
}
