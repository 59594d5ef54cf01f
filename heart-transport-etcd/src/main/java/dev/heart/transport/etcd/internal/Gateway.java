package dev.heart.transport.etcd.internal;

import dev.heart.api.TransportException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to etcd's gateway ({@code /v3/...}) with an asynchronous {@link HttpClient} over
 * HTTP/1.1, and turns what comes back into a parsed object or a {@link TransportException}.
 * Thread-safe; never blocks.
 */
final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService executor;
    private final HttpClient client;

    Gateway(EtcdSettings settings) {
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "heart-etcd-http-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(settings.threads(), threads);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .proxy(ProxySelector.of(null))
                .executor(executor)
                .build();
    }

    /**
     * Posts {@code body} to {@code path} of {@code target}, the exchange tracked by
     * {@code attempt} so that it is aborted when the attempt is over.
     *
     * @return the answer's JSON object, or a failure: {@link EtcdError} when etcd answered with an
     *         error, {@link TransportException} when it could not be reached or answered garbage
     */
    CompletableFuture<Map<String, Object>> post(
            Attempt attempt, Target target, String path, Map<String, String> body, Duration deadline) {
        HttpRequest request = HttpRequest.newBuilder(target.http().resolve(path))
                .timeout(deadline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
                .build();
        return attempt.track(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .handle((response, failure) -> answer(target, path, response, failure));
    }

    private static Map<String, Object> answer(
            Target target, String path, HttpResponse<byte[]> response, Throwable failure) {
        if (failure != null) {
            throw unreachable(target, path, failure);
        }
        Map<String, Object> body;
        try {
            body = Json.readObject(response.body());
        } catch (IOException e) {
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            if (text.length() > 200) {
                text = text.substring(0, 200) + "...";
            }
            throw new EtcdError(target.uri(), path, response.statusCode(), -1,
                    text.isEmpty() ? "no JSON in the answer" : text);
        }
        Object error = body.get("error");
        if (response.statusCode() != 200 || error != null) {
            throw error(target, path, response.statusCode(), body, error);
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private static EtcdError error(Target target, String path, int status, Map<String, Object> body, Object error) {
        // Unary calls: {"error": "...", "message": "...", "code": 5}.
        // Streams (keepalive): {"error": {"grpc_code": 5, "message": "..."}}.
        Map<String, Object> details = error instanceof Map ? (Map<String, Object>) error : body;
        String message = Json.text(details, "message");
        if (message == null) {
            message = error == null ? "HTTP " + status : error.toString();
        }
        String code = Json.text(details, details == body ? "code" : "grpc_code");
        int grpcCode;
        try {
            grpcCode = code == null ? -1 : Integer.parseInt(code);
        } catch (NumberFormatException e) {
            grpcCode = -1;
        }
        return new EtcdError(target.uri(), path, status, grpcCode, message);
    }

    private static RuntimeException unreachable(Target target, String path, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            return (CancellationException) cause;
        }
        String what = cause instanceof HttpTimeoutException ? "no answer in time"
                : cause instanceof ConnectException ? "cannot connect"
                : "exchange failed";
        return new TransportException(target.uri(), "etcd " + path + ": " + what + ": " + cause, cause);
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
