package dev.heart.bench.tcp;

import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;

/**
 * The registry of T1 and T2: accepts every request with one constant response, on the calling
 * thread. Also names the registrants and the registry, so the raw baselines can build frames of
 * the same size ({@link Frames}). Immutable, thread-safe.
 */
public final class TrivialRegistry implements RegistryHandler {
    /** Service type of every registrant and of the registry. */
    public static final String SERVICE = "bench";
    /** Id of the registry in every response. */
    public static final String REGISTRY_ID = "tcp-registry";
    /** The registry's deadline in every response. */
    public static final Duration LEASE = Duration.ofSeconds(10);

    private final Response accept;

    /** @param address the address the registry names in its responses (the server's URI) */
    public TrivialRegistry(URI address) {
        this.accept = Response.accept(RegistryInfo.of(REGISTRY_ID, SERVICE, address), LEASE);
    }

    /** The id of registrant {@code n}: fixed width, so every registrant's frames have the same size. */
    public static String registrantId(int n) {
        return String.format("heart-%06d", n);
    }

    @Override
    public Response handle(Request request) {
        return accept;
    }

    /** The one response this registry gives. */
    public Response accept() {
        return accept;
    }
}
