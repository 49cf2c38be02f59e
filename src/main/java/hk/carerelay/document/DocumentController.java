package hk.carerelay.document;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import hk.carerelay.crypto.CmsFormat;
import hk.carerelay.identity.CurrentUser;

/** Documents over HTTP: upload to a referral, list, metadata with findings, text and watermarked PDF. */
@RestController
class DocumentController {

    private final ClinicalDocuments documents;

    DocumentController(ClinicalDocuments documents) {
        this.documents = documents;
    }

    record FindingBody(int number, String type, int start, int end, String text, double confidence, String reason,
            boolean masked) {

        static FindingBody of(ClinicalDocuments.StoredFinding f) {
            return new FindingBody(f.number(), f.type(), f.start(), f.end(), f.text(), f.confidence(), f.reason(),
                    f.masked());
        }
    }

    record DocumentBody(String id, String referralId, String category, String fileName, String mediaType, long size,
            int pages, ClinicalDocuments.Status status, String uploadedBy, Instant uploadedAt, String reviewedBy,
            Instant decidedAt, String withdrawReason, List<FindingBody> findings) {

        static DocumentBody of(ClinicalDocuments.Document d, List<FindingBody> findings) {
            return new DocumentBody(d.id(), d.referralId(), d.category(), d.fileName(), d.mediaType(), d.size(),
                    d.pages(), d.status(), d.uploadedBy(), d.uploadedAt(), d.reviewedBy(), d.decidedAt(),
                    d.withdrawReason(), findings);
        }
    }

    @PostMapping(value = "/api/referrals/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentBody> upload(@PathVariable String id,
            @RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam(value = "category", required = false) String category) throws IOException {
        ClinicalDocuments.Document d = documents.upload(CurrentUser.require(), id,
                file == null ? null : file.getOriginalFilename(), category, file == null ? null : file.getBytes());
        return ResponseEntity.created(URI.create("/api/documents/" + d.id())).body(DocumentBody.of(d, null));
    }

    @GetMapping("/api/referrals/{id}/documents")
    List<DocumentBody> ofReferral(@PathVariable String id) {
        return documents.ofReferral(CurrentUser.require(), id).stream().map(d -> DocumentBody.of(d, null)).toList();
    }

    @GetMapping("/api/documents/{id}")
    DocumentBody describe(@PathVariable String id) {
        ClinicalDocuments.View view = documents.describe(CurrentUser.require(), id);
        return DocumentBody.of(view.document(), view.findings().stream().map(FindingBody::of).toList());
    }

    @GetMapping(value = "/api/documents/{id}/text", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> text(@PathVariable String id, @RequestParam(required = false) String variant,
            @RequestParam(required = false) String keepVisible, @RequestParam(required = false) String alsoMask) {
        String text = documents.text(CurrentUser.require(), id, ClinicalDocuments.Variant.parse(variant),
                new ClinicalDocuments.ReviewChoices(keepVisible, alsoMask));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(text);
    }

    record ExportRequest(String certificate, String format) {
    }

    /** The released redacted copy as CMS EnvelopedData for an institution outside CareRelay (its X.509 certificate). */
    @PostMapping("/api/documents/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable String id,
            @org.springframework.web.bind.annotation.RequestBody(required = false) ExportRequest body) {
        CmsFormat format;
        try {
            format = body == null || body.format() == null ? CmsFormat.PEM
                    : CmsFormat.valueOf(body.format().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw hk.carerelay.shared.ValidationException.of("format", "must be PEM, DER or SMIME");
        }
        byte[] envelope = documents.export(CurrentUser.require(), id, body == null ? null : body.certificate(), format);
        MediaType type = format == CmsFormat.PEM ? MediaType.TEXT_PLAIN
                : MediaType.parseMediaType("application/pkcs7-mime");
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(id + (format == CmsFormat.PEM ? ".pem" : format == CmsFormat.SMIME ? ".eml" : ".p7m"))
                        .build().toString())
                .body(envelope);
    }

    /**
     * The document as a watermarked PDF. During review the uploader's side may preview the redacted copy with the
     * choices of its review form not yet submitted: {@code keepVisible} (finding numbers) and {@code alsoMask} (phrases,
     * one a line).
     */
    @GetMapping(value = "/api/documents/{id}/content", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> content(@PathVariable String id, @RequestParam(required = false) String variant,
            @RequestParam(required = false) String keepVisible, @RequestParam(required = false) String alsoMask) {
        ClinicalDocuments.Variant v = ClinicalDocuments.Variant.parse(variant);
        byte[] pdf = documents.content(CurrentUser.require(), id, v,
                new ClinicalDocuments.ReviewChoices(keepVisible, alsoMask));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(id + "-" + v.name().toLowerCase(java.util.Locale.ROOT) + ".pdf").build().toString())
                .body(pdf);
    }
}
