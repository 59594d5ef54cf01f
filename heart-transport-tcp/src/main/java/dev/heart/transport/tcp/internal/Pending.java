package dev.heart.transport.tcp.internal;

import dev.heart.api.Request;
import dev.heart.api.Response;
import java.util.concurrent.CompletableFuture;

/**
 * One request pending on a connection: the future handed to the caller, and what the I/O thread
 * needs to write it. However it completes (answered, failed, cancelled by the caller, completed
 * by anyone else), it frees its slot on the connection first, so a late answer finds no one and
 * is dropped, and whoever sees the future complete sees the slot free.
 */
final class Pending extends CompletableFuture<Response> {
    final ClientConnection connection;
    private final PendingTable table;
    final long id;
    final Request request;
    final long deadlineNanos;

    Pending(ClientConnection connection, PendingTable table, long id, Request request, long deadlineNanos) {
        this.connection = connection;
        this.table = table;
        this.id = id;
        this.request = request;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        table.release(this);
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(Response value) {
        table.release(this);
        return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        table.release(this);
        return super.completeExceptionally(ex);
    }

    @Override
    public String toString() {
        return "Pending[" + connection.target() + " #" + id + "]";
    }
}
