package dev.heart.api;

/**
 * No transport serves a URI scheme, or the transports on the path conflict or fail to load. The
 * message says what is missing and what to add.
 */
public class NoTransportException extends HeartException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message naming what is missing.
     *
     * @param message what is missing and what to add; not null
     */
    public NoTransportException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the underlying cause.
     *
     * @param message what is missing or wrong; not null
     * @param cause   the underlying error; may be null
     */
    public NoTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
