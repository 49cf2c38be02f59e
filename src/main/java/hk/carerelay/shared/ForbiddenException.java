package hk.carerelay.shared;

/** The caller can see the object but may not perform this action on it. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
