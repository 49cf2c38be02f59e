package hk.carerelay.shared;

/** The action clashes with the object's current state (already completed, claimed by someone else, a concurrent change). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
