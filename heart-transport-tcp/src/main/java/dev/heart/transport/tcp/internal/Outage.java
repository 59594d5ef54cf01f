package dev.heart.transport.tcp.internal;

import dev.heart.api.TransportException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why and until when a {@link ClientConnection} is down: the backoff between connect attempts, the
 * last failure, and the exceptions its requests fail with. Written by the connection's I/O thread;
 * {@link #waiting()} and {@link #downException()} are read by any thread.
 */
final class Outage {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class); // the connection's lines

    private final URI target;
    private final Backoff backoff;
    private volatile long retryAtNanos;
    private volatile @Nullable Throwable lastFailure;

    Outage(URI target, ClientSettings settings) {
        this.target = target;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    }

    /** Any thread: true while the next connect attempt must wait (read only while the connection is down). */
    boolean waiting() {
        return retryAtNanos - System.nanoTime() > 0;
    }

    /** I/O thread: the connection opened; the backoff starts over. */
    void opened() {
        backoff.reset();
    }

    /** I/O thread: a connect attempt failed; returns the wait before the next one, in nanoseconds. */
    long connectFailed(Exception cause) {
        long wait = backoff.failed();
        lastFailure = cause;
        retryAtNanos = System.nanoTime() + wait;
        return wait;
    }

    /** I/O thread: what the requests fail with after {@link #connectFailed}, which returned {@code wait}. */
    TransportException connectFailure(Exception cause, long wait) {
        LOG.debug(
                "cannot connect to {} (attempt {}): {}; next attempt in {} ms",
                target,
                backoff.failures(),
                cause,
                TimeUnit.NANOSECONDS.toMillis(wait));
        String what = cause instanceof TlsHandshakeException ? cause.getMessage() : "cannot connect: " + cause;
        return new TransportException(
                target,
                what + " (attempt " + backoff.failures() + "); next attempt in " + TimeUnit.NANOSECONDS.toMillis(wait)
                        + " ms",
                cause);
    }

    /** I/O thread: an open connection broke; the next attempt may start at once. */
    void broke(Exception cause) {
        lastFailure = cause;
        retryAtNanos = System.nanoTime();
    }

    /** I/O thread: what the {@code count} requests pending fail with after {@link #broke}. */
    TransportException brokenFailure(Exception cause, int count) {
        LOG.debug("connection to {} broke with {} requests pending: {}", target, count, cause.toString());
        String why = cause instanceof javax.net.ssl.SSLException
                ? TlsFailures.describeEstablished(cause)
                : cause.getMessage();
        return new TransportException(
                target, "connection broke (" + why + "); every request pending on it failed (" + count + ")", cause);
    }

    /** Any thread: what a request fails with while the connection waits to try again. */
    TransportException downException() {
        long wait = Math.max(0, retryAtNanos - System.nanoTime());
        return new TransportException(
                target,
                "connection is down, next attempt in " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms; last failure: "
                        + lastFailure,
                lastFailure);
    }

    /** Any thread: what a request fails with once the transport closed. */
    TransportException closedException() {
        return new TransportException(target, "tcp transport is closed");
    }
}
