package dev.heart.transport.etcd.internal;

import com.google.protobuf.ByteString;
import dev.heart.api.internal.Checks;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.EtcdTransport;
import dev.heart.transport.etcd.grpc.KVGrpc;
import dev.heart.transport.etcd.grpc.LeaseGrantRequest;
import dev.heart.transport.etcd.grpc.LeaseGrpc;
import dev.heart.transport.etcd.grpc.LeaseRevokeRequest;
import dev.heart.transport.etcd.grpc.PutRequest;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd {@link RequestProtocol} over etcd's gRPC API (see {@link EtcdTransport}). Thread-safe;
 * {@link #send} never waits for etcd.
 */
public final class GrpcEtcdClient implements RequestProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcEtcdClient.class);

    /** Which registrant at which target. */
    record LeaseKey(URI target, String serviceType, String id) {
    }

    private final EtcdSettings settings;
    private final EventLoopGroup group;
    private final ExecutorService executor;
    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LeaseKey, Registration> registrations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LeaseKey, CompletableFuture<Response>> registering = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Slots registrationSlots;
    private final RegistryInfos infos = new RegistryInfos();
    private volatile boolean closed;

    /**
     * A client with {@code settings}; starts its threads.
     *
     * @param settings not null
     */
    public GrpcEtcdClient(EtcdSettings settings) {
        this.settings = Checks.notNull(settings, "settings");
        this.group = new MultiThreadIoEventLoopGroup(1, new NamedThreads("heart-etcd-io-"), NioIoHandler.newFactory());
        // gRPC's offload work (name resolution) and, with threads > 0, its callbacks; idle threads retire
        int poolSize = Math.max(1, settings.threads());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(poolSize, poolSize, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreads("heart-etcd-grpc-"));
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.registrationSlots = new Slots(settings.maxRegistrationsInFlight(), settings.maxQueuedRegistrations());
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        Target target = target(request.target());
        Request beat = request.request();
        RegistrantInfo registrant = beat.registrant();
        LeaseKey key = new LeaseKey(target.uri(), registrant.serviceType(), registrant.id());
        Registration registration = beat.disconnect() ? null : registrations.get(key);
        long ttl = registration == null ? ttlSeconds(registrant) : 0;
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(target.uri(), "etcd transport is closed"));
        }
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(new TransportException(target.uri(), "etcd transport overloaded: "
                    + settings.maxInFlight() + " requests in flight (maxInFlight)"));
        }
        if (registration != null && !registration.lost()) {
            try { // the common beat: a keepalive, one object
                Endpoint endpoint = endpoint(target);
                endpoint.watcher().ensureOpen();
                return new KeepAliveCall(this, endpoint, target, key, registration, deadline, inFlight).start();
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<Response> result = new CompletableFuture<>();
        result.whenComplete((response, failure) -> inFlight.decrementAndGet());
        try {
            Endpoint endpoint = endpoint(target);
            CompletableFuture<Response> answer;
            if (beat.disconnect()) {
                answer = revoke(endpoint, target, key, deadline);
            } else {
                endpoint.watcher().ensureOpen();
                answer = registration == null ? register(endpoint, target, key, registrant, ttl, deadline)
                        : lost(endpoint, target, key, registration, deadline);
            }
            result.whenComplete((response, failure) -> {
                if (result.isCancelled()) {
                    answer.cancel(false);
                }
            });
            answer.whenComplete((response, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(Calls.unwrap(failure));
                } else {
                    result.complete(response);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        if (closed) {
            result.completeExceptionally(new TransportException(target.uri(), "etcd transport is closed"));
        }
        return result;
    }

    /** The checked target of {@code uri}, parsed once per URI. */
    private Target target(java.net.URI uri) {
        Target known = targets.get(uri);
        if (known != null) {
            return known;
        }
        Target parsed = Target.of(uri);
        if (targets.size() >= TARGETS_MAX) {
            targets.clear();
        }
        targets.put(uri, parsed);
        return parsed;
    }

    private static final int TARGETS_MAX = 1024;
    private final ConcurrentHashMap<URI, Target> targets = new ConcurrentHashMap<>();

    private Endpoint endpoint(Target target) {
        return endpoints.computeIfAbsent(target.endpointKey(), k -> new Endpoint(target, settings, group, executor));
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

    /**
     * First beat: the registrant's registration in progress, or a new one. A registration goes on
     * when the attempt that started it is cancelled (timed out): the retry joins it instead of
     * granting a second lease whose put could land after the first's and be revoked with it.
     */
    private CompletableFuture<Response> register(Endpoint endpoint, Target target, LeaseKey key,
                                                 RegistrantInfo registrant, long ttl, Duration deadline) {
        CompletableFuture<Response> mine = new CompletableFuture<>();
        CompletableFuture<Response> running = registering.putIfAbsent(key, mine);
        if (running != null && running.isDone()) { // finished, not yet forgotten: a new one
            registering.remove(key, running);
            running = registering.putIfAbsent(key, mine);
        }
        if (running == null) {
            running = mine;
            mine.whenComplete((response, failure) -> registering.remove(key, mine));
            // the registration outlives the attempt that started it (a retry joins it): its calls
            // are bounded by the lease's TTL, not by the attempt, so that a slow etcd does not
            // turn each registration into a grant, a timed-out put and a revoke
            Duration bound = deadline.compareTo(Duration.ofSeconds(ttl)) >= 0 ? deadline : Duration.ofSeconds(ttl);
            if (!registrationSlots.offer(() -> grantAndPut(endpoint, target, key, registrant, ttl, bound)
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            mine.completeExceptionally(Calls.unwrap(failure));
                        } else {
                            mine.complete(response);
                        }
                    }))) {
                mine.completeExceptionally(new TransportException(target.uri(), "etcd transport overloaded: "
                        + registrationSlots.queued() + " registrations waiting (maxQueuedRegistrations)"));
            }
        }
        return running.thenApply(response -> response); // each attempt its own view: cancelling it leaves the registration
    }

    /** Grants a lease, then puts the key attached to it; a failed put revokes the lease again. */
    private CompletableFuture<Response> grantAndPut(Endpoint endpoint, Target target, LeaseKey key,
                                                    RegistrantInfo registrant, long ttl, Duration deadline) {
        if (registrations.size() >= settings.maxLeases()) {
            return CompletableFuture.failedFuture(new TransportException(target.uri(), "too many registrations: "
                    + settings.maxLeases() + " (maxLeases)"));
        }
        String etcdKey = EtcdTransport.key(registrant);
        CompletableFuture<Members> cluster = endpoint.members(deadline);
        return endpoint.call(LeaseGrpc.getLeaseGrantMethod(), LeaseGrantRequest.newBuilder().setTTL(ttl).build(), deadline)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(Calls.describe(target.uri(), "lease grant", failure)))
                .thenCompose(grant -> {
                    if (!grant.getError().isEmpty() || grant.getID() == 0) {
                        throw new TransportException(target.uri(), "etcd granted no lease: " + grant.getError());
                    }
                    long lease = grant.getID();
                    PutRequest put = PutRequest.newBuilder()
                            .setKey(ByteString.copyFromUtf8(etcdKey))
                            .setValue(ByteString.copyFrom(JsonValue.of(registrant.attributes())))
                            .setLease(lease).build();
                    return endpoint.call(KVGrpc.getPutMethod(), put, deadline).handle((written, failure) -> {
                        if (failure != null) {
                            abandon(endpoint, target, key, lease, deadline);
                            Status status = Calls.status(failure);
                            if (status != null && status.getCode() == Status.Code.PERMISSION_DENIED) {
                                LOG.warn("etcd refuses to write {} at {}: {}", etcdKey, target.uri(), status.getDescription());
                                return Response.reject(registry(target, registrant, grant.getHeader().getMemberId(),
                                        cluster.getNow(Members.NONE)), RejectReason.FORBIDDEN);
                            }
                            throw new java.util.concurrent.CompletionException(Calls.describe(target.uri(), "put", failure));
                        }
                        Registration registration = new Registration(lease, etcdKey, written.getHeader().getRevision());
                        Registration previous = registrations.put(key, registration);
                        if (previous != null) {
                            endpoint.untrack(previous);
                        }
                        endpoint.track(registration);
                        LOG.debug("registered {} at {} with lease {} ({} s)", etcdKey, target.uri(), lease, grant.getTTL());
                        return Response.accept(registry(target, registrant, written.getHeader().getMemberId(),
                                cluster.getNow(Members.NONE)), Duration.ofSeconds(grant.getTTL()));
                    });
                })
                .thenCombine(cluster, (response, members) -> response);
    }

    /** A registration whose put failed must leave no lease: revoke it. */
    private void abandon(Endpoint endpoint, Target target, LeaseKey key, long lease, Duration deadline) {
        Registration registration = registrations.get(key);
        if (registration != null && registration.lease == lease) {
            registrations.remove(key, registration);
            endpoint.untrack(registration);
        }
        if (!closed) {
            endpoint.call(LeaseGrpc.getLeaseRevokeMethod(), LeaseRevokeRequest.newBuilder().setID(lease).build(), deadline)
                    .whenComplete((revoked, failure) -> LOG.debug("abandoned registration {} at {}: lease {} revoked: {}",
                            key, target.uri(), lease, failure == null ? "yes" : failure.toString()));
        }
    }

    /**
     * The response to a keepalive's answer: a lease etcd no longer knows, or a key someone else
     * deleted or overwrote meanwhile, is "not registered"; else accepted for the TTL etcd reports.
     */
    Response keepAliveAnswer(Endpoint endpoint, Target target, LeaseKey key, Registration registration,
                             dev.heart.transport.etcd.grpc.LeaseKeepAliveResponse answer, Members members,
                             Duration deadline) {
        RegistryInfo registry = registry(target, key.serviceType(), answer.getHeader().getMemberId(), members);
        if (answer.getTTL() <= 0) {
            forget(endpoint, key, registration);
            LOG.debug("lease {} of {} at {} is gone: not registered", registration.lease, key, target.uri());
            return Response.reject(registry, RejectReason.NOT_REGISTERED);
        }
        if (registration.lost()) {
            return lostAnswer(endpoint, key, registration, registry, deadline);
        }
        return Response.accept(registry, Duration.ofSeconds(answer.getTTL()));
    }

    /** The key was deleted or overwritten behind our back: drop the lease, answer "not registered". */
    private CompletableFuture<Response> lost(Endpoint endpoint, Target target, LeaseKey key,
                                             Registration registration, Duration deadline) {
        return endpoint.members(deadline).thenApply(members -> lostAnswer(endpoint, key, registration,
                registry(target, key.serviceType(), members.answeredBy(), members), deadline));
    }

    private Response lostAnswer(Endpoint endpoint, LeaseKey key, Registration registration, RegistryInfo registry,
                                Duration deadline) {
        forget(endpoint, key, registration);
        LOG.info("{} at {} was deleted or overwritten by someone else: registering again", registration.key,
                endpoint.uri());
        endpoint.call(LeaseGrpc.getLeaseRevokeMethod(), LeaseRevokeRequest.newBuilder().setID(registration.lease).build(),
                deadline);
        return Response.reject(registry, RejectReason.NOT_REGISTERED);
    }

    private void forget(Endpoint endpoint, LeaseKey key, Registration registration) {
        registrations.remove(key, registration);
        endpoint.untrack(registration);
    }

    /** Disconnect: revoke the lease (the key goes with it); the answer is a rejection. */
    private CompletableFuture<Response> revoke(Endpoint endpoint, Target target, LeaseKey key, Duration deadline) {
        CompletableFuture<Response> running = registering.get(key);
        if (running != null && !running.isDone()) { // revoke what it registers, once it has
            return running.handle((response, failure) -> null)
                    .thenCompose(ignored -> revoke(endpoint, target, key, deadline));
        }
        Registration registration = registrations.remove(key);
        CompletableFuture<Members> cluster = endpoint.members(deadline);
        if (registration == null) {
            return cluster.thenApply(members -> Response.reject(
                    registry(target, key.serviceType(), members.answeredBy(), members), RejectReason.DISCONNECTED));
        }
        endpoint.untrack(registration);
        return endpoint.call(LeaseGrpc.getLeaseRevokeMethod(),
                        LeaseRevokeRequest.newBuilder().setID(registration.lease).build(), deadline)
                .handle((revoked, failure) -> {
                    Status status = failure == null ? null : Calls.status(failure);
                    if (failure != null && (status == null || status.getCode() != Status.Code.NOT_FOUND)) {
                        throw new java.util.concurrent.CompletionException(Calls.describe(target.uri(), "lease revoke",
                                failure));
                    }
                    LOG.debug("revoked lease {} of {} at {}", registration.lease, key, target.uri());
                    return revoked == null ? 0L : revoked.getHeader().getMemberId();
                })
                .thenCombine(cluster, (member, members) -> Response.reject(
                        registry(target, key.serviceType(), member, members), RejectReason.DISCONNECTED));
    }

    private RegistryInfo registry(Target target, RegistrantInfo registrant, long member, Members members) {
        return registry(target, registrant.serviceType(), member, members);
    }

    private RegistryInfo registry(Target target, String serviceType, long member, Members members) {
        return infos.of(target, serviceType, member, members);
    }

    /** Registrations remembered now, for tests. */
    int registrationCount() {
        return registrations.size();
    }

    /** Requests not yet answered, for tests. */
    public int pendingCount() {
        return inFlight.get();
    }

    /** Fails every pending request, ends streams and channels and stops the threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        endpoints.values().forEach(Endpoint::close);
        try {
            for (Endpoint endpoint : endpoints.values()) {
                endpoint.awaitClosed(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoints.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "GrpcEtcdClient[endpoints=" + endpoints.size() + ", registrations=" + registrations.size()
                + ", inFlight=" + inFlight.get() + ", " + settings + "]";
    }

    static String utf8(ByteString bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
