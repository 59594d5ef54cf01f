package dev.heart.api;

import org.jspecify.annotations.Nullable;

/**
 * No transport serves a URI scheme, or the transports on the path conflict or fail to load. The
 * message says what is missing and what to add.
 */
public class NoTransportException extends HeartException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message naming what is missing.
     *
     * @param message what is missing and what to add
     */
    public NoTransportException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the underlying cause.
     *
     * @param message what is missing or wrong
     * @param cause   the underlying error; may be null
     */
    public NoTransportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
