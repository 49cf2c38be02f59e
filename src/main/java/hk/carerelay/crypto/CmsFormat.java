package hk.carerelay.crypto;

/** How an exported CMS EnvelopedData is encoded: raw DER, PEM ({@code BEGIN CMS}), or an S/MIME message. */
public enum CmsFormat {
    DER,
    PEM,
    SMIME
}
