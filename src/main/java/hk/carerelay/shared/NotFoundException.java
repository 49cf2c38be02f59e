package hk.carerelay.shared;

/** The object does not exist or lies outside the caller's scope; both answer 404 so that existence does not leak. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
