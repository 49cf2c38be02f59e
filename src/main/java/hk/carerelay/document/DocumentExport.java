package hk.carerelay.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.stereotype.Service;

import hk.carerelay.audit.AuditAction;
import hk.carerelay.audit.AuditLog;
import hk.carerelay.crypto.CmsEnvelopes;
import hk.carerelay.crypto.CmsFormat;
import hk.carerelay.identity.CurrentUser;

/**
 * Exports a stored blob out of CareRelay, encrypted for one external institution's certificate as CMS EnvelopedData.
 * The blob's integrity is checked first; the export is audited with the recipient. Whether the caller may export is
 * decided before calling here.
 */
@Service
public class DocumentExport {

    private final DocumentStore store;
    private final CmsEnvelopes cms;
    private final AuditLog audit;

    DocumentExport(DocumentStore store, CmsEnvelopes cms, AuditLog audit) {
        this.store = store;
        this.cms = cms;
        this.audit = audit;
    }

    public byte[] export(UUID blobId, X509Certificate recipient, CmsFormat format) {
        byte[] envelope = envelope(blobId, recipient, format);
        audit.write(CurrentUser.get().orElse(null), AuditLog.Event.of(AuditAction.EXPORT)
                .on("DocumentBlob", blobId.toString())
                .detail("CMS " + format + " for " + recipient.getSubjectX500Principal().getName()
                        + " (certificate SHA-256 " + fingerprint(recipient) + ")"));
        return envelope;
    }

    /** The envelope without an audit entry, for a caller in this package that audits the export itself. */
    byte[] envelope(UUID blobId, X509Certificate recipient, CmsFormat format) {
        return cms.envelope(store.read(blobId), recipient, format);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
