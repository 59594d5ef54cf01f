package dev.heart.transport.etcd.internal;

import dev.heart.api.Checks;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.EtcdTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd {@link RequestProtocol}: maps each beat onto lease grant + put, keepalive or revoke
 * (see {@link EtcdTransport}). Thread-safe; {@link #send} never blocks.
 */
public final class EtcdClient implements RequestProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdClient.class);

    /** Which registrant at which target; the key of the lease table. */
    record LeaseKey(URI target, String serviceType, String id) {
    }

    /** What etcd said about the registrant: who answered, the TTL in seconds, and a rejection. */
    private record Answer(long member, long ttlSeconds, boolean reject) {
    }

    /** A member list and when it was fetched, on {@link System#nanoTime()}. */
    private record CachedMembers(Members members, long fetchedAt) {
    }

    private final EtcdSettings settings;
    private final Gateway gateway;
    private final BoundedMap<LeaseKey, Long> leases;
    private final BoundedMap<URI, CachedMembers> members;
    private final Set<Attempt> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A client with {@code settings}; starts its HTTP threads.
     *
     * @param settings not null
     */
    public EtcdClient(EtcdSettings settings) {
        this.settings = Checks.notNull(settings, "settings");
        this.gateway = new Gateway(settings);
        this.leases = new BoundedMap<>(settings.maxLeases());
        this.members = new BoundedMap<>(1024);
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        Target target = Target.of(request.target());
        Request beat = request.request();
        RegistrantInfo registrant = beat.registrant();
        long ttl = ttlSeconds(registrant);
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(target.uri(), "etcd transport is closed"));
        }
        Attempt attempt = new Attempt();
        pending.add(attempt);
        attempt.result.whenComplete((response, failure) -> pending.remove(attempt));
        if (closed) {
            attempt.result.completeExceptionally(new TransportException(target.uri(), "etcd transport is closed"));
            return attempt.result;
        }
        LeaseKey key = new LeaseKey(target.uri(), registrant.serviceType(), registrant.id());
        CompletableFuture<Members> cluster = members(attempt, target, deadline);
        CompletableFuture<Answer> answer;
        if (beat.disconnect()) {
            answer = revoke(attempt, target, key, cluster, deadline);
        } else {
            Long lease = leases.get(key);
            answer = lease == null ? register(attempt, target, key, registrant, ttl, deadline)
                    : keepAlive(attempt, target, key, lease, deadline);
        }
        failFast(attempt, answer);
        failFast(attempt, cluster);
        answer.thenCombine(cluster, (etcd, list) -> response(target, registrant, etcd, list))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        attempt.result.completeExceptionally(unwrap(failure));
                    } else {
                        attempt.result.complete(response);
                    }
                });
        return attempt.result;
    }

    private long ttlSeconds(RegistrantInfo registrant) {
        String ttl = registrant.attributes().get(EtcdTransport.TTL_ATTRIBUTE);
        if (ttl == null) {
            return settings.defaultTtl().toSeconds();
        }
        try {
            long seconds = Long.parseLong(ttl.strip());
            if (seconds >= 1) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("attribute " + EtcdTransport.TTL_ATTRIBUTE
                + " must be whole seconds, at least 1, was '" + ttl + "'");
    }

    /** First beat: grant a lease, then put the key attached to it. */
    private CompletableFuture<Answer> register(
            Attempt attempt, Target target, LeaseKey key, RegistrantInfo registrant, long ttl, Duration deadline) {
        return gateway.post(attempt, target, "/v3/lease/grant", Map.of("TTL", Long.toString(ttl)), deadline)
                .thenCompose(grant -> {
                    long lease = Json.int64(grant, "ID", 0);
                    long granted = Json.int64(grant, "TTL", 0);
                    if (lease == 0 || granted <= 0) {
                        throw new TransportException(target.uri(), "etcd granted no lease: " + grant);
                    }
                    attempt.result.whenComplete((response, failure) -> {
                        if (failure != null) {
                            abandon(target, key, lease, deadline);
                        }
                    });
                    if (attempt.isOver()) {
                        throw new CancellationException("attempt is over; not putting " + key);
                    }
                    Map<String, String> put = new LinkedHashMap<>();
                    put.put("key", base64(EtcdTransport.key(registrant)));
                    put.put("value", Base64.getEncoder().encodeToString(Json.write(registrant.attributes())));
                    put.put("lease", Long.toUnsignedString(lease));
                    return gateway.post(attempt, target, "/v3/kv/put", put, deadline).thenApply(written -> {
                        leases.put(key, lease);
                        LOG.debug("registered {} at {} with lease {} ({} s)", key, target.uri(), lease, granted);
                        return new Answer(member(written), granted, false);
                    });
                });
    }

    /**
     * A registration whose attempt ended without success (cancelled, failed, closed) must leave no
     * key behind: revoke its lease, on its own, bounded by the attempt's deadline.
     */
    private void abandon(Target target, LeaseKey key, long lease, Duration deadline) {
        leases.remove(key, lease);
        if (closed) {
            return;
        }
        gateway.post(new Attempt(), target, "/v3/lease/revoke", Map.of("ID", Long.toUnsignedString(lease)), deadline)
                .whenComplete((revoked, failure) -> LOG.debug("abandoned registration of {} at {}: lease {} revoked: {}",
                        key, target.uri(), lease, failure == null ? "yes" : failure.toString()));
    }

    /** Later beats: keep the lease alive; a lease etcd no longer knows is a rejection. */
    private CompletableFuture<Answer> keepAlive(
            Attempt attempt, Target target, LeaseKey key, long lease, Duration deadline) {
        return gateway.post(attempt, target, "/v3/lease/keepalive", Map.of("ID", Long.toUnsignedString(lease)),
                deadline).thenApply(answer -> {
                    Map<String, Object> result = Json.object(answer, "result");
                    long ttl = Json.int64(result, "TTL", 0);
                    if (ttl <= 0) {
                        leases.remove(key, lease);
                        LOG.debug("lease {} of {} at {} is gone: rejecting", lease, key, target.uri());
                        return new Answer(member(result), 0, true);
                    }
                    return new Answer(member(result), ttl, false);
                });
    }

    /** Disconnect: revoke the lease (the key goes with it); the answer is a rejection. */
    private CompletableFuture<Answer> revoke(
            Attempt attempt, Target target, LeaseKey key, CompletableFuture<Members> cluster, Duration deadline) {
        Long lease = leases.remove(key);
        if (lease == null) {
            return cluster.thenApply(list -> new Answer(list.answeredBy(), 0, true));
        }
        return gateway.post(attempt, target, "/v3/lease/revoke", Map.of("ID", Long.toUnsignedString(lease)), deadline)
                .handle((revoked, failure) -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof EtcdError && ((EtcdError) cause).code() == EtcdError.NOT_FOUND) {
                        return new Answer(0, 0, true);
                    }
                    if (cause != null) {
                        throw new CompletionException(cause);
                    }
                    LOG.debug("revoked lease {} of {} at {}", lease, key, target.uri());
                    return new Answer(member(revoked), 0, true);
                });
    }

    /** The target's member list: cached while fresh, else asked for in parallel with the beat. */
    private CompletableFuture<Members> members(Attempt attempt, Target target, Duration deadline) {
        CachedMembers cached = members.get(target.uri());
        if (cached != null && System.nanoTime() - cached.fetchedAt() < settings.membersRefresh().toNanos()) {
            return CompletableFuture.completedFuture(cached.members());
        }
        return gateway.post(attempt, target, "/v3/cluster/member/list", Map.of(), deadline).thenApply(answer -> {
            Members list = Members.from(answer);
            members.put(target.uri(), new CachedMembers(list, System.nanoTime()));
            return list;
        });
    }

    /** Fails the attempt as soon as one of its parts fails, without waiting for the other. */
    private static void failFast(Attempt attempt, CompletableFuture<?> part) {
        part.whenComplete((ignored, failure) -> {
            if (failure != null) {
                attempt.result.completeExceptionally(unwrap(failure));
            }
        });
    }

    private static Response response(Target target, RegistrantInfo registrant, Answer etcd, Members cluster) {
        long member = etcd.member() != 0 ? etcd.member() : cluster.answeredBy();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("etcd.cluster", Long.toHexString(cluster.clusterId()));
        String name = cluster.name(member);
        if (!name.isEmpty()) {
            attributes.put("etcd.member.name", name);
        }
        RegistryInfo registry = new RegistryInfo(Long.toHexString(member), registrant.serviceType(), target.uri(),
                cluster.candidates(member, target.uri()), attributes);
        return new Response(registry, Duration.ofSeconds(etcd.ttlSeconds()), etcd.reject());
    }

    private static long member(Map<String, Object> answer) {
        return Json.int64(Json.object(answer, "header"), "member_id", 0);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Lease ids remembered now, for tests. */
    int leaseCount() {
        return leases.size();
    }

    /** Sends not yet answered, for tests. */
    int pendingCount() {
        return pending.size();
    }

    /** Fails every pending send, aborts their exchanges and stops the HTTP threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Attempt attempt : pending) {
            attempt.result.completeExceptionally(new TransportException(null, "etcd transport closed"));
        }
        gateway.close();
    }

    @Override
    public String toString() {
        return "EtcdClient[leases=" + leases.size() + ", pending=" + pending.size() + "]";
    }
}
