package dev.heart.transport.etcd.internal;

import com.google.protobuf.ByteString;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.internal.Checks;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.grpc.LeaseGrpc;
import dev.heart.transport.etcd.grpc.LeaseRevokeRequest;
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
 * The etcd {@link RequestProtocol} over etcd's gRPC API (see {@code EtcdTransport}). Thread-safe;
 * {@link #send} never waits for etcd.
 */
public final class GrpcEtcdClient implements RequestProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcEtcdClient.class);

    /** Which registrant at which target. */
    record LeaseKey(URI target, String serviceType, String id) {}

    private final EtcdSettings settings;
    private final EventLoopGroup group;
    private final ExecutorService executor;
    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** The cluster behind each target (by its endpoint key): the member in use. */
    private final ConcurrentHashMap<String, Cluster> clusters = new ConcurrentHashMap<>();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final RegistryInfos infos = new RegistryInfos();
    private final Registrar registrar;
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
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                poolSize,
                poolSize,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new NamedThreads("heart-etcd-grpc-"));
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.registrar = new Registrar(settings, infos, () -> closed);
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        Target target = target(request.target());
        Request beat = request.request();
        RegistrantInfo registrant = beat.registrant();
        LeaseKey key = new LeaseKey(target.uri(), registrant.serviceType(), registrant.id());
        Registration registration = beat.disconnect() ? null : registrar.get(key);
        long ttl = registration == null ? ttlSeconds(registrant) : 0;
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(target.uri(), "etcd transport is closed"));
        }
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(new TransportException(
                    target.uri(),
                    "etcd transport overloaded: " + settings.maxInFlight() + " requests in flight (maxInFlight)"));
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
                answer = registration == null
                        ? registrar.register(endpoint, target, key, registrant, ttl, deadline)
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

    /**
     * Refuses, without I/O, a target that is not {@code etcd[s]://host:port}, or a plaintext one
     * while credentials are set without {@code Credentials.allowPlaintextCredentials()}.
     *
     * @throws dev.heart.api.NoTransportException saying what is wrong
     */
    @Override
    public void check(URI target) {
        try {
            target(Checks.notNull(target, "target"));
        } catch (IllegalArgumentException e) {
            throw new dev.heart.api.NoTransportException(String.valueOf(e.getMessage()), e);
        }
    }

    /** The checked target of {@code uri}, parsed once per URI. */
    private Target target(java.net.URI uri) {
        Target known = targets.get(uri);
        if (known != null) {
            return known;
        }
        Target parsed = Target.of(uri);
        if (settings.credentials() != null) { // refused before anything is sent
            settings.credentials().checkChannel(parsed.uri(), parsed.secure());
        }
        if (targets.size() >= TARGETS_MAX) {
            targets.clear();
        }
        targets.put(uri, parsed);
        return parsed;
    }

    private static final int TARGETS_MAX = 1024;
    private final ConcurrentHashMap<URI, Target> targets = new ConcurrentHashMap<>();

    /** The member that beats to {@code target} go to now: moving between members is this transport's job. */
    private Endpoint endpoint(Target target) {
        Cluster cluster = clusters.get(target.endpointKey());
        if (cluster == null) {
            cluster = clusters.computeIfAbsent(target.endpointKey(), k -> new Cluster(target, member(target)));
        }
        return cluster.current();
    }

    /** The endpoint of one member, created on first use. */
    private Endpoint member(Target target) {
        return endpoints.computeIfAbsent(
                target.endpointKey(), k -> new Endpoint(target, settings, group, executor, this::unreachable));
    }

    /** {@code failed} cannot be reached: every cluster using it moves to another member. */
    private void unreachable(Endpoint failed) {
        if (!closed) {
            clusters.values().forEach(cluster -> cluster.unreachable(failed, this::member));
        }
    }

    /** The endpoints (one per member reached), for tests. */
    public java.util.Set<String> endpointKeys() {
        return java.util.Set.copyOf(endpoints.keySet());
    }

    private long ttlSeconds(RegistrantInfo registrant) {
        String ttl = registrant.attributes().get(Names.TTL_ATTRIBUTE);
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
        throw new IllegalArgumentException(
                "attribute " + Names.TTL_ATTRIBUTE + " must be whole seconds, at least 1, was '" + ttl + "'");
    }

    /**
     * The response to a keepalive's answer: a lease etcd no longer knows, or a key someone else
     * deleted or overwrote meanwhile, is "not registered"; else accepted for the TTL etcd reports.
     */
    Response keepAliveAnswer(
            Endpoint endpoint,
            Target target,
            LeaseKey key,
            Registration registration,
            dev.heart.transport.etcd.grpc.LeaseKeepAliveResponse answer,
            Members members,
            Duration deadline) {
        RegistryInfo registry =
                registry(target, key.serviceType(), answer.getHeader().getMemberId(), members);
        if (answer.getTTL() <= 0) {
            registrar.forget(endpoint, key, registration);
            LOG.debug("lease {} of {} at {} is gone: not registered", registration.lease, key, target.uri());
            return Response.reject(registry, RejectReason.NOT_REGISTERED);
        }
        if (registration.lost()) {
            return lostAnswer(endpoint, key, registration, registry, deadline);
        }
        return Response.accept(registry, Duration.ofSeconds(answer.getTTL()));
    }

    /** The key was deleted or overwritten behind our back: drop the lease, answer "not registered". */
    private CompletableFuture<Response> lost(
            Endpoint endpoint, Target target, LeaseKey key, Registration registration, Duration deadline) {
        return endpoint.members(deadline)
                .thenApply(members -> lostAnswer(
                        endpoint,
                        key,
                        registration,
                        registry(target, key.serviceType(), members.answeredBy(), members),
                        deadline));
    }

    private Response lostAnswer(
            Endpoint endpoint, LeaseKey key, Registration registration, RegistryInfo registry, Duration deadline) {
        registrar.forget(endpoint, key, registration);
        LOG.info(
                "{} at {} was deleted or overwritten by someone else: registering again",
                registration.key,
                endpoint.uri());
        endpoint.call(
                LeaseGrpc.getLeaseRevokeMethod(),
                LeaseRevokeRequest.newBuilder().setID(registration.lease).build(),
                deadline);
        return Response.reject(registry, RejectReason.NOT_REGISTERED);
    }

    /** Disconnect: revoke the lease (the key goes with it); the answer is a rejection. */
    private CompletableFuture<Response> revoke(Endpoint endpoint, Target target, LeaseKey key, Duration deadline) {
        CompletableFuture<Response> running = registrar.running(key);
        if (running != null && !running.isDone()) { // revoke what it registers, once it has
            return running.handle((response, failure) -> null)
                    .thenCompose(ignored -> revoke(endpoint, target, key, deadline));
        }
        Registration registration = registrar.remove(key);
        CompletableFuture<Members> cluster = endpoint.members(deadline);
        if (registration == null) {
            return cluster.thenApply(members -> Response.reject(
                    registry(target, key.serviceType(), members.answeredBy(), members), RejectReason.DISCONNECTED));
        }
        endpoint.untrack(registration);
        return endpoint.call(
                        LeaseGrpc.getLeaseRevokeMethod(),
                        LeaseRevokeRequest.newBuilder()
                                .setID(registration.lease)
                                .build(),
                        deadline)
                .handle((revoked, failure) -> {
                    Status status = failure == null ? null : Calls.status(failure);
                    if (failure != null && (status == null || status.getCode() != Status.Code.NOT_FOUND)) {
                        throw new java.util.concurrent.CompletionException(
                                Calls.describe(target.uri(), "lease revoke", failure));
                    }
                    LOG.debug("revoked lease {} of {} at {}", registration.lease, key, target.uri());
                    return revoked == null ? 0L : revoked.getHeader().getMemberId();
                })
                .thenCombine(
                        cluster,
                        (member, members) -> Response.reject(
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
        return registrar.count();
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
        return "GrpcEtcdClient[endpoints=" + endpoints.size() + ", registrations=" + registrar.count() + ", inFlight="
                + inFlight.get() + ", " + settings + "]";
    }

    static String utf8(ByteString bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
