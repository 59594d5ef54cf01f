package dev.heart.api;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A transport could not exchange a request with a registry: unreachable, connection broken,
 * protocol error, overloaded. Transports complete a request's future with it.
 */
public class TransportException extends HeartException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable URI target;

    /**
     * An exchange with {@code target} failed.
     *
     * @param target  the registry's address; may be null when unknown
     * @param message what went wrong
     * @param cause   the underlying error; may be null
     */
    public TransportException(@Nullable URI target, String message, @Nullable Throwable cause) {
        super(target == null ? message : message + " [" + target + "]", cause);
        this.target = target;
    }

    /**
     * Without a cause.
     *
     * @param target  the registry's address; may be null when unknown
     * @param message what went wrong
     */
    public TransportException(@Nullable URI target, String message) {
        this(target, message, null);
    }

    /**
     * The registry's address.
     *
     * @return the address, or null when unknown
     */
    public @Nullable URI target() {
        return target;
    }
}
