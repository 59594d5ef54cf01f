package dev.heart.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of heart's unchecked exceptions. The cause is always kept.
 */
public class HeartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and an optional cause.
     *
     * @param message what went wrong
     * @param cause   the underlying error; may be null
     */
    public HeartException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * An exception with a message.
     *
     * @param message what went wrong
     */
    public HeartException(String message) {
        super(message);
    }
}
