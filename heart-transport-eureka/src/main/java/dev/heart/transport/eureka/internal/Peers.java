package dev.heart.transport.eureka.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The candidates of each server: the configured peers, then the replicas the server reports,
 * without the server itself, and for an HTTPS server without plain HTTP ones (a candidate is
 * never weaker than the target: a failover must not carry the instance, or the credentials, into
 * plaintext). One status request per server at a time, shared by every send and
 * reused for {@code peersRefresh}; while a refresh runs, sends use the previous list. A server
 * that does not answer its status offers the configured peers only. Thread-safe; never blocks.
 */
final class Peers {
    private static final Logger LOG = LoggerFactory.getLogger(Peers.class);

    /**
     * A status request, the candidates it yields (computed once, shared by every send), and when
     * it started, on {@link System#nanoTime()}.
     */
    private record Fetch(CompletableFuture<List<URI>> candidates, long startedAt) {}

    private final EurekaSettings settings;
    private final Http http;
    private final BoundedMap<URI, Fetch> fetches = new BoundedMap<>(1024);

    Peers(EurekaSettings settings, Http http) {
        this.settings = settings;
        this.http = http;
    }

    /** The candidates of {@code target}; the future never fails. */
    CompletableFuture<List<URI>> candidates(Target target, Duration deadline) {
        Fetch fetch = fetches.get(target.base());
        if (settings.peersRefresh().isZero()) {
            if (fetch == null) {
                fetch = new Fetch(CompletableFuture.completedFuture(without(target, settings.peers(), List.of())), 0);
                fetches.put(target.base(), fetch);
            }
            return fetch.candidates();
        }
        long now = System.nanoTime();
        if (fetch == null) {
            fetch = start(target, deadline, now);
        } else if (fetch.candidates().isDone()
                && now - fetch.startedAt() >= settings.peersRefresh().toNanos()) {
            Fetch previous = fetch;
            start(target, deadline, now);
            fetch = previous;
        }
        return fetch.candidates();
    }

    private Fetch start(Target target, Duration deadline, long now) {
        CompletableFuture<List<URI>> replicas = http.exchangeKeepingBody(
                        new Attempt(),
                        target,
                        http.request(target, "GET", "status", null, "application/xml", deadline),
                        Http.STATUS_BODY_LIMIT)
                .<List<URI>>handle((answer, failure) -> {
                    if (failure != null || answer.statusCode() != 200) {
                        LOG.debug(
                                "no replicas from {}: {}",
                                target.hostPort(),
                                failure != null ? failure.toString() : "HTTP " + answer.statusCode());
                        return List.of();
                    }
                    return Replicas.parse(answer.body());
                })
                .thenApply(reported -> without(target, settings.peers(), reported));
        Fetch fetch = new Fetch(replicas, now);
        fetches.put(target.base(), fetch);
        return fetch;
    }

    static List<URI> without(Target target, List<URI> configured, List<URI> reported) {
        Set<URI> candidates = new LinkedHashSet<>(configured);
        candidates.addAll(reported);
        List<URI> others = new ArrayList<>(candidates.size());
        for (URI candidate : candidates) {
            Target other = Target.of(candidate);
            if (!other.base().equals(target.base()) && (other.secure() || !target.secure())) {
                others.add(candidate);
            }
        }
        return List.copyOf(others);
    }
}
