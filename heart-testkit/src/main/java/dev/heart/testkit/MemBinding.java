package dev.heart.testkit;

import java.net.URI;
import java.util.List;

/**
 * A registry bound to a name of the {@code mem} transport. Closing it unbinds the name and fails
 * the requests it has not answered yet with a {@link dev.heart.api.TransportException}. Thread-safe.
 */
public interface MemBinding extends AutoCloseable {

    /**
     * The name
     *
     * @return the name it is bound under
     */
    String name();

    /**
     * {@code mem://name}, the target a heart sends to
     *
     * @return the binding's URI
     */
    URI uri();

    /**
     * Every request delivered, in order, with the fault it met; a snapshot. Empty for
     * a binding without a fault plan.
     *
     * @return an unmodifiable snapshot of the deliveries so far
     */
    List<Delivery> deliveries();

    /** Unbinds and fails pending requests. Idempotent. */
    @Override
    void close();
}
