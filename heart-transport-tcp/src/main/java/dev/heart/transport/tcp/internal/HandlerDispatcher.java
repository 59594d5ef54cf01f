package dev.heart.transport.tcp.internal;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.Response;
import dev.heart.transport.tcp.ClientAuthorizer;
import java.security.cert.X509Certificate;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registry handler for each request on an executor and queues the outcome for the
 * server's I/O thread, which it wakes. A handler that throws or returns null yields an error
 * for that request only. Thread-safe.
 */
final class HandlerDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerDispatcher.class);

    private final RegistryHandler handler;
    private final Executor executor;
    private final @Nullable ExecutorService owned;
    private final Runnable wake;
    private final BooleanSupplier ioThreadAsleep;
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    /** What a peer is told when the handler failed; the failure itself is logged, never sent. */
    static final String HANDLER_FAILED = "the registry's handler failed on this request (the registry logged why)";

    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(10));
    private final @Nullable ClientAuthorizer authorizer;

    /**
     * @param executor       runs handlers; null for the default, owned and shut down by {@link #shutdown()}
     * @param wake           wakes the I/O thread after a completion was queued
     * @param ioThreadAsleep true while the I/O thread is blocked in select: a handler thread then
     *                       writes its answer itself, which saves waking it before the answer leaves
     */
    HandlerDispatcher(
            RegistryHandler handler,
            @Nullable ClientAuthorizer authorizer,
            @Nullable Executor executor,
            String threadPrefix,
            int poolSize,
            Runnable wake,
            BooleanSupplier ioThreadAsleep) {
        this.handler = handler;
        this.authorizer = authorizer;
        if (executor == null) {
            ExecutorService pool = HandlerExecutors.create(threadPrefix, poolSize);
            this.owned = pool;
            this.executor = pool;
        } else {
            this.owned = null;
            this.executor = executor;
        }
        this.wake = wake;
        this.ioThreadAsleep = ioThreadAsleep;
    }

    /** I/O thread: runs the handler of {@code request} on the executor. */
    void dispatch(ServerConnection connection, IncomingRequest request) {
        long arrived = System.nanoTime();
        try {
            executor.execute(() -> finished(handle(connection, request, arrived)));
        } catch (RejectedExecutionException e) {
            completions.add(new Completion.Failed(
                    connection, request.id(), Wire.ERROR_SHUTTING_DOWN, "the registry server is shutting down"));
        }
    }

    /**
     * Any thread: a handler finished. While the I/O thread sleeps, the answer is written here
     * (one syscall) and the I/O thread only gets a notice for its accounting, woken for it only
     * when it waits for that (reading paused at the in-flight limit, or closing). Otherwise, or
     * when the direct write is not possible, the I/O thread encodes and writes it (batched).
     */
    private void finished(Completion completion) {
        ServerConnection connection = completion.connection();
        if (completion instanceof Completion.Answered answered
                && ioThreadAsleep.getAsBoolean()
                && connection.answerDirectly(answered)) {
            completions.add(new Completion.AlreadySent(connection, completion.id()));
            if (connection.waitsForNotices()) {
                wake.run();
            }
            return;
        }
        completions.add(completion);
        wake.run();
    }

    /** I/O thread: the next outcome, or null. */
    Completion poll() {
        return completions.poll();
    }

    boolean isEmpty() {
        return completions.isEmpty();
    }

    /** Stops the default executor, interrupting handlers still running after a second. */
    void shutdown() throws InterruptedException {
        if (owned != null) {
            owned.shutdown();
            if (!owned.awaitTermination(1, TimeUnit.SECONDS)) {
                owned.shutdownNow();
                owned.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private Completion handle(ServerConnection connection, IncomingRequest request, long arrived) {
        try {
            long deadline = request.deadlineNanos();
            if (deadline > 0 && System.nanoTime() - arrived > deadline) {
                return new Completion.Failed(
                        connection,
                        request.id(),
                        Wire.ERROR_DEADLINE_EXCEEDED,
                        "the deadline of " + TimeUnit.NANOSECONDS.toMillis(deadline)
                                + " ms passed before the handler started");
            }
            if (authorizer != null) {
                X509Certificate client = connection.certificate().get();
                RegistrantInfo registrant = request.request().registrant();
                if (!authorizer.allows(client, registrant)) {
                    return new Completion.Failed(
                            connection,
                            request.id(),
                            Wire.ERROR_FORBIDDEN,
                            "client "
                                    + (client == null
                                            ? "without a certificate"
                                            : client.getSubjectX500Principal().getName())
                                    + " may not send for " + PeerText.excerpt(registrant.serviceType()) + "/"
                                    + PeerText.excerpt(registrant.id()));
                }
            }
            Response response = handler.handle(request.request());
            if (response == null) {
                return new Completion.Failed(
                        connection, request.id(), Wire.ERROR_HANDLER_FAILED, "handler returned null");
            }
            return new Completion.Answered(connection, request.id(), response);
        } catch (Error e) {
            // An Error (OutOfMemoryError, StackOverflowError...) while serving this connection closes
            // it, and only it: the server goes on serving the others.
            LOG.error(
                    "registry handler threw {} on a request of {}; closing that connection",
                    e,
                    request.request().registrant().id(),
                    e);
            return new Completion.Failed(connection, request.id(), Wire.ERROR_HANDLER_FAILED, HANDLER_FAILED, true);
        } catch (Throwable e) {
            // what failed stays here: the peer may be anyone, and the exception's text the registry's secret
            synchronized (failureLog) {
                failureLog.warn(
                        "registry handler failed: {}",
                        PeerText.excerpt(request.request().registrant().id()) + ": " + e);
            }
            LOG.debug(
                    "registry handler failed on a request of {}",
                    request.request().registrant().id(),
                    e);
            return new Completion.Failed(connection, request.id(), Wire.ERROR_HANDLER_FAILED, HANDLER_FAILED);
        }
    }
}
