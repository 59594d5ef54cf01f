package dev.heart.transport.eureka.internal;

import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.internal.Checks;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Eureka {@link RequestProtocol}: maps each beat onto register, renew or cancel (see
 * {@code EurekaTransport}). Thread-safe; {@link #send} never blocks.
 */
public final class EurekaClient implements RequestProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(EurekaClient.class);
    private static final AtomicLong LAST_DIRTY = new AtomicLong();

    /** Which instance at which server; the key of the registration table. */
    record Key(URI base, String app, String id) {}

    /** An answer's registry and acceptance, reused while target, instance settings and candidates are the same. */
    private record InfoKey(
            URI target,
            String serviceType,
            String app,
            long renewalSeconds,
            long durationSeconds,
            List<URI> candidates) {}

    /** A built registry and the acceptance carrying it. */
    private record Answers(RegistryInfo registry, Response accepted) {}

    private static final int CACHE_MAX = 4096;

    private final EurekaSettings settings;
    private final Http http;
    private final Peers peers;
    private final BoundedMap<Key, Registration> registrations;
    private final ConcurrentHashMap<URI, Target> targets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InfoKey, Answers> answers = new ConcurrentHashMap<>();
    private final Set<Attempt> pending = ConcurrentHashMap.newKeySet();
    private final @Nullable BasicAuth auth;
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
        this.auth = BasicAuth.of(settings.credentials());
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
     * Refuses, without I/O, a target that is not {@code eureka[s]://host:port[/path]}, carries
     * credentials, or is plain HTTP while credentials are set without
     * {@link dev.heart.api.security.Credentials#allowPlaintextCredentials()}.
     *
     * @throws NoTransportException saying what is wrong (never showing credentials)
     */
    @Override
    public void check(URI target) {
        try {
            checked(Target.of(Checks.notNull(target, "target")));
        } catch (IllegalArgumentException e) {
            throw new NoTransportException(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        Target target = target(request.target());
        RegistrantInfo registrant = request.request().registrant();
        Key key = new Key(target.base(), Names.application(registrant.serviceType()), registrant.id());
        Registration known = registrations.get(key);
        // null unless registered with this very document: a registrant whose attributes changed registers again
        Registration registration =
                known != null && sameRegistrant(known.instance.registrant(), registrant) ? known : null;
        Instance instance = registration != null
                ? registration.instance
                : Instance.of(registrant, settings).checked();
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
        CompletableFuture<List<URI>> candidates = peers.candidates(target, deadline);
        CompletableFuture<Response> answer;
        if (request.request().disconnect()) {
            answer = cancel(attempt, target, key, instance, candidates, deadline);
        } else {
            // a registrant whose attributes changed registers again: a renewal would keep the old document
            answer = registration == null
                    ? register(attempt, target, key, instance, candidates, deadline)
                    : renew(attempt, target, key, instance, registration, candidates, deadline);
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

    /** The checked target of {@code uri}, parsed once per URI. */
    private Target target(URI uri) {
        Target target = targets.get(Checks.notNull(uri, "target"));
        if (target == null) {
            target = checked(Target.of(uri));
            if (targets.size() >= CACHE_MAX) {
                targets.clear(); // that many targets: start over
            }
            targets.put(uri, target);
        }
        return target;
    }

    /** {@code target}, unless credentials would go to it in clear. */
    private Target checked(Target target) {
        if (auth != null) {
            auth.check(target);
        }
        return target;
    }

    /** The same registrant: the same object (a beater sends its request again), else equal. */
    private static boolean sameRegistrant(RegistrantInfo registered, RegistrantInfo sent) {
        return registered == sent || registered.equals(sent);
    }

    /** {@code POST /apps/{APP}} with the instance document; remembers its dirty timestamp. */
    private CompletableFuture<Response> register(
            Attempt attempt,
            Target target,
            Key key,
            Instance instance,
            CompletableFuture<List<URI>> candidates,
            Duration deadline) {
        long dirty = nextDirtyTimestamp();
        HttpRequest post = http.request(
                target,
                "POST",
                "apps/" + encode(instance.app()),
                instance.document(dirty),
                "application/json",
                deadline);
        return http.exchange(attempt, target, post).thenCombine(candidates, (answer, peerList) -> {
            int status = answer.statusCode();
            if (status / 100 == 2) {
                registrations.put(key, new Registration(dirty, instance));
                LOG.debug("registered {}/{} at {}", instance.app(), instance.id(), target.hostPort());
                return answers(target, instance, peerList).accepted();
            }
            return refused(target, "POST", instance, answer, peerList);
        });
    }

    /** {@code PUT /apps/{APP}/{ID}?status={STATUS}&lastDirtyTimestamp=...}; 404 means "register again". */
    private CompletableFuture<Response> renew(
            Attempt attempt,
            Target target,
            Key key,
            Instance instance,
            Registration registration,
            CompletableFuture<List<URI>> candidates,
            Duration deadline) {
        return http.exchange(attempt, target, registration.renewal(http, target, deadline))
                .thenCombine(candidates, (answer, peerList) -> {
                    int status = answer.statusCode();
                    if (status / 100 == 2) {
                        return answers(target, instance, peerList).accepted();
                    }
                    if (status == 404) {
                        registrations.remove(key, registration);
                        LOG.debug(
                                "{}/{} is not registered at {}: rejecting, the next beat registers again",
                                instance.app(),
                                instance.id(),
                                target.hostPort());
                        return Response.reject(registry(target, instance, peerList), RejectReason.NOT_REGISTERED);
                    }
                    return refused(target, "PUT", instance, answer, peerList);
                });
    }

    /** {@code DELETE /apps/{APP}/{ID}}: the answer is a rejection, also when the server did not know it. */
    private CompletableFuture<Response> cancel(
            Attempt attempt,
            Target target,
            Key key,
            Instance instance,
            CompletableFuture<List<URI>> candidates,
            Duration deadline) {
        registrations.remove(key);
        HttpRequest delete = http.request(target, "DELETE", instancePath(instance), null, "application/json", deadline);
        return http.exchange(attempt, target, delete).thenCombine(candidates, (answer, peerList) -> {
            int status = answer.statusCode();
            if (status / 100 == 2 || status == 404) {
                LOG.debug("cancelled {}/{} at {} (HTTP {})", instance.app(), instance.id(), target.hostPort(), status);
                return Response.reject(registry(target, instance, peerList), RejectReason.DISCONNECTED);
            }
            return refused(target, "DELETE", instance, answer, peerList);
        });
    }

    /** 400, 401, 403: a rejection the server will repeat ({@code FORBIDDEN}); others: a failure. */
    private Response refused(
            Target target, String method, Instance instance, HttpResponse<byte[]> answer, List<URI> peerList) {
        int status = answer.statusCode();
        String what = "eureka " + method + " " + target.base().getRawPath() + "/apps/" + instance.app()
                + (method.equals("POST") ? "" : "/" + instance.id()) + " answered HTTP " + status;
        if (status == 400 || status == 401 || status == 403) {
            LOG.warn(
                    "{} at {}: rejecting{}",
                    what,
                    target.hostPort(),
                    status == 400 ? " (the instance document was refused)" : " (credentials missing or refused)");
            return Response.reject(registry(target, instance, peerList), RejectReason.FORBIDDEN);
        }
        throw new TransportException(target.uri(), what);
    }

    /** The registry and acceptance of an answer from {@code target} for {@code instance}, built once per kind. */
    private Answers answers(Target target, Instance instance, List<URI> peerList) {
        InfoKey key = new InfoKey(
                target.uri(),
                instance.registrant().serviceType(),
                instance.app(),
                instance.renewalSeconds(),
                instance.durationSeconds(),
                peerList);
        Answers cached = answers.get(key);
        if (cached != null) {
            return cached;
        }
        RegistryInfo registry = buildRegistry(target, instance, peerList);
        Answers built =
                new Answers(registry, Response.accept(registry, Duration.ofSeconds(instance.durationSeconds())));
        if (answers.size() >= CACHE_MAX) {
            answers.clear(); // candidate lists changed often enough to fill it: start over
        }
        answers.put(key, built);
        return built;
    }

    private RegistryInfo registry(Target target, Instance instance, List<URI> peerList) {
        return answers(target, instance, peerList).registry();
    }

    private static RegistryInfo buildRegistry(Target target, Instance instance, List<URI> peerList) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("eureka.app", instance.app());
        attributes.put(Names.RENEWAL_INTERVAL_ATTRIBUTE, Long.toString(instance.renewalSeconds()));
        return new RegistryInfo(
                target.hostPort(), instance.registrant().serviceType(), target.uri(), peerList, attributes);
    }

    static String instancePath(Instance instance) {
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
        return "EurekaClient[registrations=" + registrations.size() + ", pending=" + pending.size() + ", authenticated="
                + (settings.credentials() != null) + "]";
    }
}
