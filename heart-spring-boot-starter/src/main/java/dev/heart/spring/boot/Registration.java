package dev.heart.spring.boot;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.BeatingStats;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration with one registry: a {@link Heart} of its own (its beater fails over per
 * beating) running one beating, started again after a delay whenever it ends on its own.
 *
 * <p>Thread-safe; {@link #close()} ends it for good.
 */
final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

    private final OutgoingRequest first;
    private final HeartSettings settings;
    private final TrackingBeater beater;
    private final Heart heart;
    private volatile Beating beating;
    private volatile String lastFailure;
    private volatile long restarts;
    private boolean closed;

    Registration(OutgoingRequest first, HeartSettings settings, RequestProtocol protocol) {
        this.first = first;
        this.settings = settings;
        this.beater = new TrackingBeater(settings.beater().beaterFor(first));
        this.heart = Heart.builder(beater)
                .protocol(protocol)
                .disconnectTimeout(settings.disconnectTimeout())
                .listener(new HeartListener() {
                    @Override
                    public void attemptFailed(Beating b, OutgoingRequest request, int attempt, Throwable cause) {
                        lastFailure = String.valueOf(cause);
                    }
                })
                .build();
    }

    /** Starts the beating; the first beat goes at once. */
    synchronized void start() {
        begin(Duration.ZERO);
    }

    private void begin(Duration delay) {
        BeaterSettings b = settings.beater();
        Beating started = heart.start(first, b.attemptTimeout(), b.maxRetries(), delay);
        beating = started;
        started.completion().whenComplete((ignored, failure) -> ended(started, failure));
    }

    private void ended(Beating ended, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        synchronized (this) {
            if (closed || ended != beating || cause instanceof CancellationException) {
                return;
            }
            restarts++;
            LOG.warn("heart: the registration of {} with {} ended ({}); it starts again in {}",
                    first.request().registrant().id(), first.target(),
                    cause == null ? "its beater stopped" : cause.toString(), settings.restartDelay());
            try {
                begin(settings.restartDelay());
            } catch (IllegalStateException e) {
                LOG.debug("heart: not restarted, the heart is closed", e);
            }
        }
    }

    /** Completed with the first response that accepted the registrant. */
    CompletableFuture<?> firstAccepted() {
        return beater.firstAccepted();
    }

    OutgoingRequest first() {
        return first;
    }

    String lastFailure() {
        return lastFailure;
    }

    /**
     * Stops the beating (one bounded disconnect is sent) and releases the heart, without waiting.
     *
     * @return completes when the beating has ended and the heart is released
     */
    CompletableFuture<Void> close() {
        synchronized (this) {
            closed = true;
        }
        return heart.closeAsync();
    }

    RegistrationSnapshot snapshot() {
        Beating current = beating;
        BeatingStats stats = current.stats();
        return new RegistrationSnapshot(first.target(), first.request().registrant().id(),
                first.request().registrant().serviceType(), stats.state(), stats.health(), beater.leaseLeft(),
                beater.lastRoundTrip(), stats.beats(), stats.rejections(), stats.failedAttempts(), lastFailure,
                restarts);
    }
}
