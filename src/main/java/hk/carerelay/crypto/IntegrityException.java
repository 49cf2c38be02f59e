package hk.carerelay.crypto;

/**
 * Sealed data failed its authentication: the content, its associated data or its wrapped data key was changed, or
 * the key-encryption key it names is not the one it was wrapped with. Nothing of the content is returned.
 */
public class IntegrityException extends RuntimeException {

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }

    public IntegrityException(String message) {
        super(message);
    }
}
