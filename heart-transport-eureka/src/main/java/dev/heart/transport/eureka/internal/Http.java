package dev.heart.transport.eureka.internal;

import dev.heart.api.TransportException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eureka's REST exchanges over one asynchronous {@link HttpClient} (HTTP/1.1, connections pooled
 * by the JDK), at most {@code maxConnections} in flight per server ({@link Lane}), with the basic
 * credentials when set. Thread-safe; never blocks.
 */
final class Http implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Http.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * The most bytes of an answer's body read when the body is not needed (register, renew,
     * cancel): Eureka answers them with an empty body or a few bytes.
     */
    static final int DISCARDED_BODY_LIMIT = 64 * 1024;
    /** The most bytes of a {@code GET /status} answer read (its replica list). */
    static final int STATUS_BODY_LIMIT = 1 << 20;

    private final EurekaSettings settings;
    private final ExecutorService executor;
    private final HttpClient client;
    private final @Nullable BasicAuth auth;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    Http(EurekaSettings settings) {
        this.settings = settings;
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "heart-eureka-http-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(settings.threads(), threads);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .proxy(ProxySelector.of(null))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if (settings.tls() != null) {
            builder.sslContext(settings.tls().newContext());
            javax.net.ssl.SSLParameters parameters = new javax.net.ssl.SSLParameters();
            parameters.setProtocols(settings.tls().protocols().toArray(String[]::new));
            builder.sslParameters(parameters);
        }
        this.auth = BasicAuth.of(settings.credentials());
        this.client = builder.build();
    }

    /**
     * The request of {@code method} to {@code suffix} of {@code target} with an optional JSON
     * body, asking for {@code accept}, bounded by {@code deadline}, with the basic credentials
     * when set. Immutable: it may be sent any number of times.
     *
     * @param suffix already escaped, relative to the target's REST root
     * @param body   null for none
     */
    HttpRequest request(
            Target target, String method, String suffix, byte @Nullable [] body, String accept, Duration deadline) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(suffix))
                .timeout(deadline)
                .header("Accept", accept)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (auth != null) { // refuses a plain HTTP target unless plaintext credentials were allowed by name
            request.header("Authorization", auth.header(target));
        }
        return request.build();
    }

    /**
     * Sends {@code request} to {@code target}'s server, the exchange tracked by {@code attempt} so
     * that it is aborted when the attempt is over. The answer's body is not needed: it is counted
     * and dropped, and more than {@link #DISCARDED_BODY_LIMIT} bytes of it fail the exchange.
     *
     * @return the status (the body empty), or a failure: {@link TransportException} when the
     *         server cannot be reached, does not answer in time or answers too much, naming the
     *         target and what was asked
     */
    CompletableFuture<HttpResponse<byte[]>> exchange(Attempt attempt, Target target, HttpRequest request) {
        return exchange(attempt, target, request, BoundedBody.discarding(DISCARDED_BODY_LIMIT));
    }

    /** {@link #exchange} keeping the body, at most {@code limit} bytes (more fail the exchange). */
    CompletableFuture<HttpResponse<byte[]>> exchangeKeepingBody(
            Attempt attempt, Target target, HttpRequest request, int limit) {
        return exchange(attempt, target, request, BoundedBody.keeping(limit));
    }

    private CompletableFuture<HttpResponse<byte[]>> exchange(
            Attempt attempt, Target target, HttpRequest request, HttpResponse.BodyHandler<byte[]> body) {
        CompletableFuture<HttpResponse<byte[]>> result = attempt.track(new CompletableFuture<>());
        lane(target).submit(result, () -> {
            CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, body);
            result.whenComplete((response, failure) -> {
                if (failure != null) {
                    exchange.cancel(true);
                }
            });
            exchange.whenComplete((response, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(unreachable(target, request, failure));
                } else {
                    result.complete(response);
                }
            });
            return exchange;
        });
        return result;
    }

    private Lane lane(Target target) {
        return lanes.computeIfAbsent(target.base().getRawAuthority(), server -> new Lane(settings.maxConnections()));
    }

    private static RuntimeException unreachable(Target target, HttpRequest request, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            return (CancellationException) cause;
        }
        String why = cause instanceof HttpTimeoutException
                ? "no answer in time"
                : cause instanceof ConnectException ? "cannot connect" : "exchange failed";
        String what = request.method() + " " + request.uri().getRawPath();
        return new TransportException(target.uri(), "eureka " + what + ": " + why + ": " + cause, cause);
    }

    /** Exchanges in flight to {@code target}'s server now, for tests. */
    int active(Target target) {
        Lane lane = lanes.get(target.base().getRawAuthority());
        return lane == null ? 0 : lane.active();
    }

    /** Stops the HTTP client's threads; exchanges in flight fail. */
    @Override
    public void close() {
        shutdownClient();
        executor.shutdownNow();
    }

    /** On Java 21+ the client has its own {@code shutdownNow()}; on 17 its selector dies with it. */
    private void shutdownClient() {
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
        } catch (NoSuchMethodException e) {
            LOG.trace("HttpClient.shutdownNow() needs Java 21; the client's selector ends when it is collected");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("HttpClient.shutdownNow() failed", e);
        }
    }
}
