package dev.heart.bench.mem;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistryHandler;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory transport that answers at once: {@link #send} asks the registry on the calling
 * thread and returns an already completed future. No wire, no thread, no timer: what is left of a
 * beat is the engine's own work.
 *
 * <p>Thread-safe when the registry is.
 */
public final class InstantProtocol implements RequestProtocol {
    private final RegistryHandler registry;

    /** @param registry answers every request */
    public InstantProtocol(RegistryHandler registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        try {
            return CompletableFuture.completedFuture(registry.handle(request.request()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String toString() {
        return "InstantProtocol[" + registry + "]";
    }
}
