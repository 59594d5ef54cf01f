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

    private final EurekaSettings settings;
    private final ExecutorService executor;
    private final HttpClient client;
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
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.client = builder.build();
    }

    /**
     * Sends {@code method} to {@code suffix} of {@code target} with an optional JSON body, the
     * exchange tracked by {@code attempt} so that it is aborted when the attempt is over.
     *
     * @param body null for none
     * @return the status and body, or a failure: {@link TransportException} when the server
     *         cannot be reached or does not answer in time, naming the target and what was asked
     */
    CompletableFuture<HttpResponse<byte[]>> exchange(
            Attempt attempt, Target target, String method, String suffix, byte[] body, Duration deadline) {
        return exchange(attempt, target, method, suffix, body, "application/json", deadline);
    }

    /** As {@link #exchange(Attempt, Target, String, String, byte[], Duration)}, asking for {@code accept}. */
    CompletableFuture<HttpResponse<byte[]>> exchange(Attempt attempt, Target target, String method, String suffix,
                                                     byte[] body, String accept, Duration deadline) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(suffix))
                .timeout(deadline)
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (settings.credentials() != null) {
            request.header("Authorization", settings.credentials().header());
        }
        HttpRequest built = request.build();
        CompletableFuture<HttpResponse<byte[]>> result = attempt.track(new CompletableFuture<>());
        String what = method + " " + target.base().getRawPath() + "/" + path(suffix);
        lane(target).submit(result, () -> {
            CompletableFuture<HttpResponse<byte[]>> exchange =
                    client.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray());
            result.whenComplete((response, failure) -> {
                if (failure != null) {
                    exchange.cancel(true);
                }
            });
            exchange.whenComplete((response, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(unreachable(target, what, failure));
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

    private static String path(String suffix) {
        int query = suffix.indexOf('?');
        return query < 0 ? suffix : suffix.substring(0, query);
    }

    private static RuntimeException unreachable(Target target, String what, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            return (CancellationException) cause;
        }
        String why = cause instanceof HttpTimeoutException ? "no answer in time"
                : cause instanceof ConnectException ? "cannot connect"
                : "exchange failed";
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
