package dev.heart.api;

import dev.heart.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * One beat from a registrant to a registry.
 *
 * @param registrant who is beating
 * @param disconnect true when the registrant leaves: the registry forgets it and rejects
 * @param token      the lease token the registry issued on registration, proving ownership of
 *                   {@code registrant.id()}; null before the first registration or with a registry
 *                   that issues none. The engine fills it in from the beating's last response, so a
 *                   beater builds requests without it
 */
public record Request(
        RegistrantInfo registrant,
        boolean disconnect,
        @Nullable LeaseToken token) {

    /**
     * Validates the components.
     *
     * @param registrant who is beating
     * @param disconnect true when the registrant leaves
     * @param token      the lease token; null for none
     */
    public Request {
        Checks.notNull(registrant, "registrant");
    }

    /**
     * A request without a token.
     *
     * @param registrant who is beating
     * @param disconnect true when the registrant leaves
     */
    public Request(RegistrantInfo registrant, boolean disconnect) {
        this(registrant, disconnect, null);
    }

    /**
     * A beat that keeps {@code registrant} registered.
     *
     * @param registrant who is beating
     * @return the request, without a token
     */
    public static Request beat(RegistrantInfo registrant) {
        return new Request(registrant, false, null);
    }

    /**
     * This request with {@code disconnect = false}.
     *
     * @return this request when it is already a beat
     */
    public Request asBeat() {
        return disconnect ? new Request(registrant, false, token) : this;
    }

    /**
     * This request with {@code disconnect = true}.
     *
     * @return this request when it is already a disconnect
     */
    public Request asDisconnect() {
        return disconnect ? this : new Request(registrant, true, token);
    }

    /**
     * This request carrying {@code newToken}.
     *
     * @param newToken the token, or null for none
     * @return this request when it already carries an equal token
     */
    public Request withToken(@Nullable LeaseToken newToken) {
        return java.util.Objects.equals(token, newToken) ? this : new Request(registrant, disconnect, newToken);
    }
}
