package dev.heart.cli;

import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Tells, before any heart starts, whether a transport on the module path serves an address's
 * scheme, with the engine's own message when none does.
 */
final class TransportCheck {
    private TransportCheck() {}

    /**
     * The engine's "no transport for scheme" message for {@code target}, or empty when a transport
     * serves its scheme. Sends nothing to any registry: for a scheme nobody serves, the routing
     * transport fails the request before any transport is involved.
     */
    static Optional<String> problem(URI target) {
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        try {
            if (Transports.providers().containsKey(scheme)) {
                return Optional.empty();
            }
        } catch (NoTransportException e) {
            return Optional.of(Objects.toString(e.getMessage(), e.toString()));
        }
        OutgoingRequest probe = new OutgoingRequest(Request.beat(RegistrantInfo.of("probe", "probe")), target);
        try (RequestProtocol router = Transports.load()) {
            router.send(probe, Duration.ofSeconds(1)).join();
            return Optional.empty();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            return Optional.of(
                    cause instanceof NoTransportException
                            ? Objects.toString(cause.getMessage(), cause.toString())
                            : String.valueOf(cause));
        }
    }
}
