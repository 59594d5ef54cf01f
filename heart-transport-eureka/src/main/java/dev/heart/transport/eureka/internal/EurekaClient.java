package dev.heart.transport.eureka.internal;

import dev.heart.api.internal.Checks;
import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.eureka.EurekaTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Eureka {@link RequestProtocol}: maps each beat onto register, renew or cancel (see
 * {@link EurekaTransport}). Thread-safe; {@link #send} never blocks.
 */
public final class EurekaClient implements RequestProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(EurekaClient.class);
    private static final AtomicLong LAST_DIRTY = new AtomicLong();

    /** Which instance at which server; the key of the registration table. */
    record Key(URI base, String app, String id) {
    }

    private final EurekaSettings settings;
    private final Http http;
    private final Peers peers;
    private final BoundedMap<Key, Long> registrations;
    private final Set<Attempt> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A client with {@code settings}; starts its HTTP threads.
     *
     * @param settings not null
     */
    public EurekaClient(EurekaSettings settings) {
        this.settings = Checks.notNull(settings, "settings");
        this.http = new Http(settings);
        this.peers = new Peers(settings, http);
        this.registrations = new BoundedMap<>(settings.maxRegistrations());
    }

    /**
     * Checks that {@code uri} is a target of this transport.
     *
     * @param uri not null
     * @return {@code uri}
     * @throws IllegalArgumentException saying what is wrong
     */
    public static URI checkTarget(URI uri) {
        Target.of(Checks.notNull(uri, "uri"));
        return uri;
    }

    /**
     * Refuses, without I/O, a target that is not {@code eureka[s]://host:port[/path]} or carries
     * credentials.
     *
     * @throws NoTransportException saying what is wrong (never showing credentials)
     */
    @Override
    public void check(URI target) {
        try {
            Target.of(Checks.notNull(target, "target"));
        } catch (IllegalArgumentException e) {
            throw new NoTransportException(e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        Target target = Target.of(request.target());
        Instance instance = Instance.of(request.request().registrant(), settings).checked();
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(target.uri(), "eureka transport is closed"));
        }
        Attempt attempt = new Attempt();
        pending.add(attempt);
        attempt.result.whenComplete((response, failure) -> pending.remove(attempt));
        if (closed) {
            attempt.result.completeExceptionally(new TransportException(target.uri(), "eureka transport is closed"));
            return attempt.result;
        }
        Key key = new Key(target.base(), instance.app(), instance.id());
        CompletableFuture<List<URI>> candidates = peers.candidates(target, deadline);
        CompletableFuture<Response> answer;
        if (request.request().disconnect()) {
            answer = cancel(attempt, target, key, instance, candidates, deadline);
        } else {
            Long dirty = registrations.get(key);
            answer = dirty == null ? register(attempt, target, key, instance, candidates, deadline)
                    : renew(attempt, target, key, instance, dirty, candidates, deadline);
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                attempt.result.completeExceptionally(unwrap(failure));
            } else {
                attempt.result.complete(response);
            }
        });
        return attempt.result;
    }

    /** {@code POST /apps/{APP}} with the instance document; remembers its dirty timestamp. */
    private CompletableFuture<Response> register(Attempt attempt, Target target, Key key, Instance instance,
                                                 CompletableFuture<List<URI>> candidates, Duration deadline) {
        long dirty = nextDirtyTimestamp();
        return http.exchange(attempt, target, "POST", "apps/" + encode(instance.app()), instance.document(dirty), deadline)
                .thenCombine(candidates, (answer, peerList) -> {
                    int status = answer.statusCode();
                    if (status / 100 == 2) {
                        registrations.put(key, dirty);
                        LOG.debug("registered {}/{} at {}", instance.app(), instance.id(), target.hostPort());
                        return accept(target, instance, peerList);
                    }
                    return refused(target, "POST", instance, answer, peerList);
                });
    }

    /** {@code PUT /apps/{APP}/{ID}?status=UP&lastDirtyTimestamp=...}; 404 means "register again". */
    private CompletableFuture<Response> renew(Attempt attempt, Target target, Key key, Instance instance, long dirty,
                                              CompletableFuture<List<URI>> candidates, Duration deadline) {
        String suffix = instancePath(instance) + "?status=UP&lastDirtyTimestamp=" + dirty;
        return http.exchange(attempt, target, "PUT", suffix, null, deadline)
                .thenCombine(candidates, (answer, peerList) -> {
                    int status = answer.statusCode();
                    if (status / 100 == 2) {
                        return accept(target, instance, peerList);
                    }
                    if (status == 404) {
                        registrations.remove(key, dirty);
                        LOG.debug("{}/{} is not registered at {}: rejecting, the next beat registers again",
                                instance.app(), instance.id(), target.hostPort());
                        return Response.reject(registry(target, instance, peerList), RejectReason.NOT_REGISTERED);
                    }
                    return refused(target, "PUT", instance, answer, peerList);
                });
    }

    /** {@code DELETE /apps/{APP}/{ID}}: the answer is a rejection, also when the server did not know it. */
    private CompletableFuture<Response> cancel(Attempt attempt, Target target, Key key, Instance instance,
                                               CompletableFuture<List<URI>> candidates, Duration deadline) {
        registrations.remove(key);
        return http.exchange(attempt, target, "DELETE", instancePath(instance), null, deadline)
                .thenCombine(candidates, (answer, peerList) -> {
                    int status = answer.statusCode();
                    if (status / 100 == 2 || status == 404) {
                        LOG.debug("cancelled {}/{} at {} (HTTP {})", instance.app(), instance.id(), target.hostPort(),
                                status);
                        return Response.reject(registry(target, instance, peerList), RejectReason.DISCONNECTED);
                    }
                    return refused(target, "DELETE", instance, answer, peerList);
                });
    }

    /** 400, 401, 403: a rejection the server will repeat ({@code FORBIDDEN}); others: a failure. */
    private static Response refused(Target target, String method, Instance instance, HttpResponse<byte[]> answer,
                                    List<URI> peerList) {
        int status = answer.statusCode();
        String what = "eureka " + method + " " + target.base().getRawPath() + "/apps/" + instance.app()
                + (method.equals("POST") ? "" : "/" + instance.id()) + " answered HTTP " + status;
        if (status == 400 || status == 401 || status == 403) {
            LOG.warn("{} at {}: rejecting{}", what, target.hostPort(),
                    status == 400 ? " (the instance document was refused)" : " (credentials missing or refused)");
            return Response.reject(registry(target, instance, peerList), RejectReason.FORBIDDEN);
        }
        throw new TransportException(target.uri(), what);
    }

    private Response accept(Target target, Instance instance, List<URI> peerList) {
        return Response.accept(registry(target, instance, peerList), Duration.ofSeconds(instance.durationSeconds()));
    }

    private static RegistryInfo registry(Target target, Instance instance, List<URI> peerList) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("eureka.app", instance.app());
        attributes.put(EurekaTransport.RENEWAL_INTERVAL_ATTRIBUTE, Long.toString(instance.renewalSeconds()));
        return new RegistryInfo(target.hostPort(), instance.registrant().serviceType(), target.uri(), peerList,
                attributes);
    }

    private static String instancePath(Instance instance) {
        return "apps/" + encode(instance.app()) + "/" + encode(instance.id());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Epoch milliseconds (Eureka's wire format), strictly increasing within this JVM. */
    private static long nextDirtyTimestamp() {
        long now = System.currentTimeMillis();
        return LAST_DIRTY.accumulateAndGet(now, (last, wall) -> Math.max(last + 1, wall));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Registrations remembered now, for tests. */
    int registrationCount() {
        return registrations.size();
    }

    /** Sends not yet answered, for tests. */
    int pendingCount() {
        return pending.size();
    }

    /** Exchanges in flight to {@code target}'s server, for tests. */
    int activeExchanges(URI target) {
        return http.active(Target.of(target));
    }

    /** Fails every pending send, aborts their exchanges and stops the HTTP threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Attempt attempt : pending) {
            attempt.result.completeExceptionally(new TransportException(null, "eureka transport closed"));
        }
        http.close();
    }

    @Override
    public String toString() {
        return "EurekaClient[registrations=" + registrations.size() + ", pending=" + pending.size()
                + ", authenticated=" + (settings.credentials() != null) + "]";
    }
}
