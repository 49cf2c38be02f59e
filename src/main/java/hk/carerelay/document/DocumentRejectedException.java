package hk.carerelay.document;

/**
 * A file CareRelay will not take: the reason is a machine-readable code for the API's problem details, the message
 * is for the person who uploaded it.
 */
public class DocumentRejectedException extends RuntimeException {

    /** Why a file was refused; {@link #code()} is stable and goes into API responses. */
    public enum Reason {
        TOO_LARGE,
        UNSUPPORTED_TYPE,
        ENCRYPTED,
        MACROS,
        ZIP_BOMB,
        EXTERNAL_ENTITIES,
        TOO_MANY_PAGES,
        TOO_MUCH_TEXT,
        TOO_DEEPLY_NESTED,
        MALFORMED,
        TIMED_OUT,
        OUT_OF_MEMORY;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public DocumentRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
