package dev.heart.transport.tcp;

import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A registry's own table for the fault tests (spec §7): accepts any registrant of its service type
 * with a lease, forgets it on disconnect, and counts it alive until its lease passes. A table made
 * {@code afterRestart} tells each registrant it does not know "not registered" once, as a registry
 * that lost its data does, and accepts its next request. Thread-safe.
 */
final class LeaseTable implements RegistryHandler {
    private final RegistryInfo info;
    private final Duration lease;
    private final boolean afterRestart;
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
    private final Set<String> told = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

    LeaseTable(String service, Duration lease, boolean afterRestart) {
        this.info = new RegistryInfo("lease-table", service, URI.create("tcp://127.0.0.1:0"), List.of(), Map.of());
        this.lease = lease;
        this.afterRestart = afterRestart;
    }

    @Override
    public Response handle(Request request) {
        String id = request.registrant().id();
        if (!request.registrant().serviceType().equals(info.serviceType())) {
            return Response.reject(info, RejectReason.FORBIDDEN);
        }
        if (request.disconnect()) {
            deadlines.remove(id);
            return Response.reject(info, RejectReason.DISCONNECTED);
        }
        long now = System.nanoTime();
        Long deadline = deadlines.get(id);
        boolean known = deadline != null && deadline - now > 0;
        if (!known && afterRestart && told.add(id)) {
            return Response.reject(info, RejectReason.NOT_REGISTERED);
        }
        deadlines.put(id, now + lease.toNanos());
        acceptedAt.put(id, now);
        return Response.accept(info, lease);
    }

    /** The registrants accepted at or after {@code since} ({@link System#nanoTime()}). */
    Set<String> acceptedSince(long since) {
        return acceptedAt.entrySet().stream()
                .filter(e -> e.getValue() - since >= 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** The registrants told "not registered" (only by a table made after a restart). */
    Set<String> toldNotRegistered() {
        return Set.copyOf(told);
    }

    /** The registrants whose lease has not passed. */
    Set<String> alive() {
        long now = System.nanoTime();
        return deadlines.entrySet().stream()
                .filter(e -> e.getValue() - now > 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
