package dev.heart.bench.e2;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers, per thread, the last request sent through it, so that one {@link PeriodicBeater}
 * shared by a million beatings can resend each beating's own request.
 *
 * <p>Why: {@link dev.heart.api.HeartBeater#beat} is not told which beating it decides for, and
 * {@link dev.heart.api.NextBeat#send} needs the request, so one heart with one beater cannot beat
 * for many registrants without help (reported in {@code docs/benchmarks.md} as an API gap). This
 * works only when the answer is immediate and the heart's executor is {@code Runnable::run}: then
 * the beater runs on the thread that just sent that beating's request, before any other beating
 * sends on it. {@link PeriodicBeater} fails loudly if that does not hold.
 */
final class SentHere implements RequestProtocol {
    private static final ThreadLocal<OutgoingRequest> LAST = new ThreadLocal<>();

    private final RequestProtocol delegate;

    SentHere(RequestProtocol delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        LAST.set(request);
        return delegate.send(request, deadline);
    }

    /** The last request sent on this thread, or null. */
    static OutgoingRequest last() {
        return LAST.get();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
