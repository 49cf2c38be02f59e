package hk.carerelay.document;

import java.util.Arrays;
import java.util.Optional;

/** The document types CareRelay accepts, as detected from the content. */
public enum DocumentType {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    TEXT("text/plain"),
    PNG("image/png"),
    JPEG("image/jpeg"),
    TIFF("image/tiff");

    private final String mediaType;

    DocumentType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean isImage() {
        return this == PNG || this == JPEG || this == TIFF;
    }

    static Optional<DocumentType> ofMediaType(String baseType) {
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(baseType)).findFirst();
    }
}
