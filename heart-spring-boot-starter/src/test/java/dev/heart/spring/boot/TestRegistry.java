package dev.heart.spring.boot;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A registry for the tests, served by a real TcpRegistryServer: it holds each registrant for a
 * lease, accepts anyone, forgets a registrant on its disconnect (answered with a rejection).
 */
final class TestRegistry implements RegistryHandler {
    private final RegistryInfo info = RegistryInfo.of("test-registry", "*", URI.create("tcp://127.0.0.1"));
    private final Duration lease;
    private final Map<String, Entry> alive = new ConcurrentHashMap<>();
    private final Consumer<Request> onDisconnect;
    private final java.util.concurrent.atomic.AtomicLong beats = new java.util.concurrent.atomic.AtomicLong();

    private record Entry(RegistrantInfo registrant, long deadline) {}

    TestRegistry(Duration lease) {
        this(lease, request -> {});
    }

    /** A registry that calls {@code onDisconnect} before it forgets a registrant that leaves. */
    TestRegistry(Duration lease, Consumer<Request> onDisconnect) {
        this.lease = lease;
        this.onDisconnect = onDisconnect;
    }

    @Override
    public Response handle(Request request) {
        String id = request.registrant().id();
        if (request.disconnect()) {
            onDisconnect.accept(request);
            alive.remove(id);
            return Response.reject(info, RejectReason.UNSPECIFIED);
        }
        beats.incrementAndGet();
        alive.put(id, new Entry(request.registrant(), System.nanoTime() + lease.toNanos()));
        return Response.accept(info, lease);
    }

    /** Beats accepted so far. */
    long beats() {
        return beats.get();
    }

    /** The registrants whose lease has not passed. */
    List<RegistrantInfo> registrants() {
        long now = System.nanoTime();
        return alive.values().stream()
                .filter(e -> e.deadline() - now > 0)
                .map(Entry::registrant)
                .toList();
    }

    /** The live registrant of {@code service}, or null. */
    RegistrantInfo of(String service) {
        return registrants().stream()
                .filter(r -> r.serviceType().equals(service))
                .findFirst()
                .orElse(null);
    }
}
