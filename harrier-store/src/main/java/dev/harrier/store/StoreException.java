package dev.harrier.store;

/** A failure of the store itself (database unreachable, disk full, migration failed), not of the input. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
