package dev.heart.transport.tcp.internal;

import dev.heart.api.Request;
import dev.heart.api.Response;
import java.util.concurrent.CompletableFuture;

/**
 * One request pending on a connection: the future handed to the caller, and what the I/O thread
 * needs to write it. However it completes (answered, failed, cancelled by the caller, completed
 * by anyone else), it frees its slot on the connection at once, so a late answer finds no one and
 * is dropped.
 */
final class Pending extends CompletableFuture<Response> {
    final ClientConnection connection;
    final long id;
    final Request request;
    final long deadlineNanos;

    Pending(ClientConnection connection, long id, Request request, long deadlineNanos) {
        this.connection = connection;
        this.id = id;
        this.request = request;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        connection.release(this);
        return cancelled;
    }

    @Override
    public boolean complete(Response value) {
        boolean completed = super.complete(value);
        connection.release(this);
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        boolean completed = super.completeExceptionally(ex);
        connection.release(this);
        return completed;
    }

    @Override
    public String toString() {
        return "Pending[" + connection.target() + " #" + id + "]";
    }
}
