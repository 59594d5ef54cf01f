package dev.heart.testkit;

import dev.heart.api.RegistryHandler;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.testkit.mem.MemEndpoint;
import dev.heart.testkit.mem.MemEndpoints;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** A real-time endpoint: the handler runs on the transport's workers. */
final class DirectEndpoint implements MemEndpoint, MemBinding {
    private final String name;
    private final URI uri;
    private final RegistryHandler handler;
    private final Set<CompletableFuture<Response>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DirectEndpoint(String name, URI uri, RegistryHandler handler) {
        this.name = name;
        this.uri = uri;
        this.handler = handler;
    }

    @Override
    public CompletableFuture<Response> exchange(Request request, Executor workers) {
        CompletableFuture<Response> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new TransportException(uri, "mem registry is closed"));
            return future;
        }
        pending.add(future);
        future.whenComplete((response, error) -> pending.remove(future));
        workers.execute(() -> {
            if (future.isDone()) {
                return;
            }
            try {
                Response response = handler.handle(request);
                if (response == null) {
                    throw new NullPointerException(handler + " returned no response");
                }
                future.complete(response);
            } catch (RuntimeException e) {
                future.completeExceptionally(new TransportException(uri, "mem registry failed: " + e, e));
            }
        });
        if (closed) {
            failPending();
        }
        return future;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public List<Delivery> deliveries() {
        return List.of();
    }

    @Override
    public void close() {
        closed = true;
        MemEndpoints.unbind(name, this);
        failPending();
    }

    private void failPending() {
        for (CompletableFuture<Response> future : pending) {
            future.completeExceptionally(new TransportException(uri, "mem registry closed while answering"));
        }
    }

    @Override
    public String toString() {
        return "MemBinding[" + uri + " -> " + handler + "]";
    }
}
