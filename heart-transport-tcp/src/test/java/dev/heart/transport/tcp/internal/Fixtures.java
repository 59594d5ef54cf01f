package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Shared values and helpers of the tests. Every wait is bounded. */
final class Fixtures {
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private Fixtures() {}

    static Request beat(String id) {
        return Request.beat(RegistrantInfo.of(id, "svc"));
    }

    static OutgoingRequest to(URI target, String id) {
        return new OutgoingRequest(beat(id), target);
    }

    /** A registry that answers each request with the registrant's id in attribute "echo". */
    static RegistryHandler echo() {
        return request -> Response.accept(
                new RegistryInfo(
                        "reg",
                        "svc",
                        URI.create("tcp://127.0.0.1:1"),
                        List.of(),
                        Map.of("echo", request.registrant().id())),
                Duration.ofSeconds(30));
    }

    static String echoed(Response response) {
        return response.registry().attributes().get("echo");
    }

    static Response await(CompletableFuture<Response> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** The TransportException a future fails with, waiting at most 10 s. */
    static TransportException failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertTrue(
                e.getCause() instanceof TransportException, () -> "expected a TransportException, got " + e.getCause());
        return (TransportException) e.getCause();
    }

    /** Whole frames cut out of {@code bytes}, or fails the test. */
    static ByteBuffer frame(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }

    /** Polls {@code condition} every 10 ms for at most 10 s. */
    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - end < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
