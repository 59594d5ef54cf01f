package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.net.URI;

/**
 * A request with its destination; the scheme of {@code target} chooses the transport.
 *
 * @param request what to send
 * @param target  the registry's address, for instance {@code tcp://127.0.0.1:7070};
 *                with a scheme
 */
public record OutgoingRequest(Request request, URI target) {

    /**
     * Validates the components.
     *
     * @param request what to send
     * @param target  the registry's address; with a scheme
     */
    public OutgoingRequest {
        Checks.notNull(request, "request");
        Checks.notNull(target, "target");
        if (target.getScheme() == null) {
            throw new IllegalArgumentException(
                    "target must have a scheme (like tcp://host:port), was '" + target + "'");
        }
    }

    /**
     * This request to the same target with {@code disconnect = true}.
     *
     * @return the disconnect request; {@code this} when it already is one
     */
    public OutgoingRequest asDisconnect() {
        return request.disconnect() ? this : new OutgoingRequest(request.asDisconnect(), target);
    }
}
