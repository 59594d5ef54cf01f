package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport that answers each attempt as scripted, completing on the {@link ManualTime}. When the
 * script runs out it accepts at once.
 */
final class ScriptedProtocol implements RequestProtocol {
    static final RegistryInfo REGISTRY = RegistryInfo.of("r1", "svc", URI.create("mem://r1"));

    /** What one attempt gets. */
    sealed interface Step permits Answer, Fail, Silent {}

    record Answer(Duration after, Response response) implements Step {}

    record Fail(Duration after, RuntimeException error) implements Step {}

    record Silent() implements Step {}

    static Step ok(Duration after) {
        return new Answer(after, Response.accept(REGISTRY, Duration.ofSeconds(10)));
    }

    static Step rejected() {
        return new Answer(Duration.ZERO, Response.reject(REGISTRY));
    }

    static Step fail(String why) {
        return new Fail(Duration.ZERO, new TransportException(URI.create("mem://r1"), why));
    }

    static Step silent() {
        return new Silent();
    }

    private final ManualTime time;
    private final Deque<Step> script = new ArrayDeque<>();
    final List<OutgoingRequest> sent = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Response>> futures = new CopyOnWriteArrayList<>();

    ScriptedProtocol(ManualTime time, Step... steps) {
        this.time = time;
        script.addAll(List.of(steps));
    }

    synchronized ScriptedProtocol then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        sent.add(request);
        Step step;
        synchronized (this) {
            step = script.isEmpty() ? ok(Duration.ZERO) : script.poll();
        }
        CompletableFuture<Response> future = new CompletableFuture<>();
        futures.add(future);
        if (step instanceof Answer answer) {
            time.schedule(answer.after(), () -> future.complete(answer.response()));
        } else if (step instanceof Fail fail) {
            time.schedule(fail.after(), () -> future.completeExceptionally(fail.error()));
        }
        return future;
    }
}
