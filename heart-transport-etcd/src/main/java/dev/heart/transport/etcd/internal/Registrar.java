package dev.heart.transport.etcd.internal;

import com.google.protobuf.ByteString;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.transport.etcd.grpc.KVGrpc;
import dev.heart.transport.etcd.grpc.LeaseGrantRequest;
import dev.heart.transport.etcd.grpc.LeaseGrpc;
import dev.heart.transport.etcd.grpc.LeaseRevokeRequest;
import dev.heart.transport.etcd.grpc.PutRequest;
import dev.heart.transport.etcd.internal.GrpcEtcdClient.LeaseKey;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrations of a transport: the ones made (lease and key per registrant and target), the
 * ones in progress, and making them (lease grant, then put; at most
 * {@code maxRegistrationsInFlight} at once, the rest queued). Thread-safe.
 */
final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcEtcdClient.class);

    private final EtcdSettings settings;
    private final RegistryInfos infos;
    private final BooleanSupplier closed;
    private final ConcurrentHashMap<LeaseKey, Registration> registrations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LeaseKey, CompletableFuture<Response>> registering = new ConcurrentHashMap<>();
    private final Slots registrationSlots;

    Registrar(EtcdSettings settings, RegistryInfos infos, BooleanSupplier closed) {
        this.settings = settings;
        this.infos = infos;
        this.closed = closed;
        this.registrationSlots = new Slots(settings.maxRegistrationsInFlight(), settings.maxQueuedRegistrations());
    }

    /** The registration of {@code key}, or null. */
    @Nullable
    Registration get(LeaseKey key) {
        return registrations.get(key);
    }

    /** Removes and returns the registration of {@code key}, or null. */
    @Nullable
    Registration remove(LeaseKey key) {
        return registrations.remove(key);
    }

    /** The registration of {@code key} in progress, or null. */
    @Nullable
    CompletableFuture<Response> running(LeaseKey key) {
        return registering.get(key);
    }

    /** Registrations remembered now. */
    int count() {
        return registrations.size();
    }

    /** Forgets {@code registration} of {@code key} (its lease is gone or given up). */
    void forget(Endpoint endpoint, LeaseKey key, Registration registration) {
        registrations.remove(key, registration);
        endpoint.untrack(registration);
    }

    /**
     * First beat: the registrant's registration in progress, or a new one. A registration goes on
     * when the attempt that started it is cancelled (timed out): the retry joins it instead of
     * granting a second lease whose put could land after the first's and be revoked with it.
     */
    CompletableFuture<Response> register(
            Endpoint endpoint, Target target, LeaseKey key, RegistrantInfo registrant, long ttl, Duration deadline) {
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
                mine.completeExceptionally(new TransportException(
                        target.uri(),
                        "etcd transport overloaded: " + registrationSlots.queued()
                                + " registrations waiting (maxQueuedRegistrations)"));
            }
        }
        return running.thenApply(
                response -> response); // each attempt its own view: cancelling it leaves the registration
    }

    /** Grants a lease, then puts the key attached to it; a failed put revokes the lease again. */
    private CompletableFuture<Response> grantAndPut(
            Endpoint endpoint, Target target, LeaseKey key, RegistrantInfo registrant, long ttl, Duration deadline) {
        if (registrations.size() >= settings.maxLeases()) {
            return CompletableFuture.failedFuture(new TransportException(
                    target.uri(), "too many registrations: " + settings.maxLeases() + " (maxLeases)"));
        }
        String etcdKey = Names.key(registrant);
        CompletableFuture<Members> cluster = endpoint.members(deadline);
        return endpoint.call(
                        LeaseGrpc.getLeaseGrantMethod(),
                        LeaseGrantRequest.newBuilder().setTTL(ttl).build(),
                        deadline)
                .exceptionallyCompose(
                        failure -> CompletableFuture.failedFuture(Calls.describe(target.uri(), "lease grant", failure)))
                .thenCompose(grant -> {
                    if (!grant.getError().isEmpty() || grant.getID() == 0) {
                        throw new TransportException(target.uri(), "etcd granted no lease: " + grant.getError());
                    }
                    long lease = grant.getID();
                    PutRequest put = PutRequest.newBuilder()
                            .setKey(ByteString.copyFromUtf8(etcdKey))
                            .setValue(ByteString.copyFrom(JsonValue.of(registrant.attributes())))
                            .setLease(lease)
                            .build();
                    return endpoint.call(KVGrpc.getPutMethod(), put, deadline).handle((written, failure) -> {
                        if (failure != null) {
                            abandon(endpoint, target, key, lease, deadline);
                            Status status = Calls.status(failure);
                            if (status != null && status.getCode() == Status.Code.PERMISSION_DENIED) {
                                LOG.warn(
                                        "etcd refuses to write {} at {}: {}",
                                        etcdKey,
                                        target.uri(),
                                        status.getDescription());
                                return Response.reject(
                                        infos.of(
                                                target,
                                                registrant.serviceType(),
                                                grant.getHeader().getMemberId(),
                                                cluster.getNow(Members.NONE)),
                                        RejectReason.FORBIDDEN);
                            }
                            throw new java.util.concurrent.CompletionException(
                                    Calls.describe(target.uri(), "put", failure));
                        }
                        Registration registration = new Registration(
                                lease, etcdKey, written.getHeader().getRevision());
                        Registration previous = registrations.put(key, registration);
                        if (previous != null) {
                            endpoint.untrack(previous);
                        }
                        endpoint.track(registration);
                        LOG.debug(
                                "registered {} at {} with lease {} ({} s)",
                                etcdKey,
                                target.uri(),
                                lease,
                                grant.getTTL());
                        return Response.accept(
                                infos.of(
                                        target,
                                        registrant.serviceType(),
                                        written.getHeader().getMemberId(),
                                        cluster.getNow(Members.NONE)),
                                Duration.ofSeconds(grant.getTTL()));
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
        if (!closed.getAsBoolean()) {
            endpoint.call(
                            LeaseGrpc.getLeaseRevokeMethod(),
                            LeaseRevokeRequest.newBuilder().setID(lease).build(),
                            deadline)
                    .whenComplete((revoked, failure) -> LOG.debug(
                            "abandoned registration {} at {}: lease {} revoked: {}",
                            key,
                            target.uri(),
                            lease,
                            failure == null ? "yes" : failure.toString()));
        }
    }
}
