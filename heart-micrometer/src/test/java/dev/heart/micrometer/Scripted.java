package dev.heart.micrometer;

import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.testkit.MemBinding;
import dev.heart.testkit.MemNetwork;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A registry on the in-memory transport that answers request N (from 1) as its script says:
 * 'A' accept, 'R' reject (not registered), 'F' fail (the handler throws); past the script's end
 * it repeats the last letter. The beater beats again after 5 ms whatever the answer.
 */
final class Scripted implements RegistryHandler, AutoCloseable {
    static final Duration BOUND = Duration.ofSeconds(30);

    private final String script;
    private final AtomicInteger requests = new AtomicInteger();
    private final MemBinding binding;
    private final URI uri;
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    Scripted(String script) {
        this.script = script;
        String name = MemNetwork.uniqueName("micrometer");
        this.uri = MemNetwork.uri(name);
        this.binding = MemNetwork.bind(name, this);
    }

    @Override
    public Response handle(Request request) {
        int n = requests.incrementAndGet();
        char c = script.charAt(Math.min(n, script.length()) - 1);
        RegistryInfo me = RegistryInfo.of("r1", request.registrant().serviceType(), uri);
        if (request.disconnect()) {
            return Response.reject(me, RejectReason.DISCONNECTED);
        }
        return switch (c) {
            case 'A' -> Response.accept(me, Duration.ofSeconds(30));
            case 'R' -> Response.reject(me, RejectReason.NOT_REGISTERED);
            case 'F' -> throw new IllegalStateException("scripted failure of request " + n);
            default -> throw new AssertionError(c);
        };
    }

    int requests() {
        return requests.get();
    }

    OutgoingRequest request(String id, String service) {
        return new OutgoingRequest(Request.beat(RegistrantInfo.of(id, service)), uri);
    }

    /** Beats again 5 ms after every answer, with 3 retries of 2 seconds each. */
    static HeartBeater beater() {
        return next -> next.send(next.lastRequest(), Attempts.of(Duration.ofSeconds(2), 3), Duration.ofMillis(5));
    }

    /** Waits up to {@link #BOUND} for {@code condition}; fails naming {@code what} otherwise. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + BOUND + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        binding.close();
    }
}
