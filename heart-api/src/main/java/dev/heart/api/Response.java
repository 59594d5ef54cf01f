package dev.heart.api;

import java.time.Duration;

/**
 * A registry's answer to one {@link Request}.
 *
 * @param registry who answered; not null
 * @param timeout  the registry's deadline for the next beat: a registrant that does not beat again
 *                 within it is dropped. Not null, not negative; zero on a rejection means "none"
 * @param reject   true when the registry refuses the registrant (wrong service type, full,
 *                 disconnected). A rejection is still a successful exchange: it reaches the beater
 */
public record Response(RegistryInfo registry, Duration timeout, boolean reject) {

    /** Validates the components. */
    public Response {
        Checks.notNull(registry, "registry");
        Checks.notNegative(timeout, "timeout");
    }

    /** An acceptance with the deadline {@code timeout} for the next beat. */
    public static Response accept(RegistryInfo registry, Duration timeout) {
        return new Response(registry, timeout, false);
    }

    /** A rejection. */
    public static Response reject(RegistryInfo registry) {
        return new Response(registry, Duration.ZERO, true);
    }
}
