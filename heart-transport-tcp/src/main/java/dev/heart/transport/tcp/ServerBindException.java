package dev.heart.transport.tcp;

import dev.heart.api.HeartException;
import java.net.InetSocketAddress;

/**
 * A registry server could not listen on its address: the port is in use, the address is not
 * local, or the process may not bind it. The cause (an {@link java.io.IOException}) says which.
 */
public final class ServerBindException extends HeartException {
    private static final long serialVersionUID = 1L;

    /** The address that could not be bound. */
    private final transient InetSocketAddress address;

    /**
     * A failure to bind {@code address}, with a message naming it and the cause.
     *
     * @param address the address that could not be bound; not null
     * @param cause   why; not null
     */
    public ServerBindException(InetSocketAddress address, Throwable cause) {
        super("cannot bind the registry server to " + address + ": " + cause, cause);
        this.address = address;
    }

    /**
     * The address that could not be bound.
     *
     * @return the address; null after deserialization
     */
    public InetSocketAddress address() {
        return address;
    }
}
