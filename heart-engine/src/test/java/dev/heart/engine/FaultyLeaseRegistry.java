package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A lease registry in {@link ManualTime} that a test can break, per target: down (every request
 * fails at once), silent (no answer), or restarted (forgets everyone; a registrant it knew is told
 * "not registered" once, then registers again). Answers at once otherwise. Thread-safe.
 */
final class FaultyLeaseRegistry implements RequestProtocol {
    enum Mode {
        UP,
        DOWN,
        SILENT
    }

    /** One request and when it went out. */
    record Sent(long at, OutgoingRequest request) {}

    private final ManualTime time;
    private final Duration lease;
    private final Map<URI, Mode> modes = new HashMap<>();
    private final Map<String, Long> expiries = new HashMap<>(); // registrant@target -> deadline
    private final Set<String> forgotten = new HashSet<>();
    private final Map<String, Long> registeredAt = new HashMap<>();
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    FaultyLeaseRegistry(ManualTime time, Duration lease) {
        this.time = time;
        this.lease = lease;
    }

    synchronized void mode(URI target, Mode mode) {
        modes.put(target, mode);
    }

    /** Forgets every registrant of {@code target}; those it knew hear "not registered" next. */
    synchronized void restart(URI target) {
        String suffix = "@" + target;
        for (String key : Set.copyOf(expiries.keySet())) {
            if (key.endsWith(suffix)) {
                expiries.remove(key);
                forgotten.add(key);
            }
        }
    }

    /** The registrants whose lease at {@code target} is alive now. */
    synchronized Set<String> registered(URI target) {
        Set<String> alive = new HashSet<>();
        long now = time.nanoTime();
        expiries.forEach((key, deadline) -> {
            if (deadline > now && key.endsWith("@" + target)) {
                alive.add(key.substring(0, key.length() - target.toString().length() - 1));
            }
        });
        return alive;
    }

    /** When the registrant last registered anew (after being unknown) at {@code target}, or null. */
    synchronized Long registeredAt(String id, URI target) {
        return registeredAt.get(id + "@" + target);
    }

    @Override
    public synchronized CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        long now = time.nanoTime();
        sent.add(new Sent(now, request));
        URI target = request.target();
        Mode mode = modes.getOrDefault(target, Mode.UP);
        if (mode == Mode.DOWN) {
            return CompletableFuture.failedFuture(new TransportException(target, "connection refused"));
        }
        if (mode == Mode.SILENT) {
            return new CompletableFuture<>();
        }
        RegistryInfo info = new RegistryInfo("r", "svc", target, List.of(), Map.of());
        String key = request.request().registrant().id() + "@" + target;
        if (request.request().disconnect()) {
            expiries.remove(key);
            return CompletableFuture.completedFuture(Response.reject(info, RejectReason.DISCONNECTED));
        }
        if (forgotten.remove(key)) {
            return CompletableFuture.completedFuture(Response.reject(info, RejectReason.NOT_REGISTERED));
        }
        Long previous = expiries.put(key, now + lease.toNanos());
        if (previous == null || previous <= now) {
            registeredAt.put(key, now);
        }
        return CompletableFuture.completedFuture(Response.accept(info, lease));
    }
}
