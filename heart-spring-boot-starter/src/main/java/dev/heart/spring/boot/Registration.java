package dev.heart.spring.boot;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.BeatingStats;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration with one registry: a {@link Heart} of its own running at most one beating at a
 * time, each beating with a beater of its own. A beating that fails (its beater threw) is started
 * again after a delay; one whose beater stopped (the registry refused the registrant for good) is
 * not. An operator may stop it ({@link #stopBeating()}) and start it again.
 *
 * <p>Thread-safe; {@link #close()} ends it for good.
 */
final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

    private volatile OutgoingRequest first;
    private final HeartSettings settings;
    private final TrackingBeater beater;
    private final Heart heart;
    private volatile @Nullable Beating beating;
    private volatile @Nullable String lastFailure;
    private volatile long restarts;
    private volatile boolean beatingWanted;
    /** Counts the stops asked from outside ({@link #stopBeating()}, {@link #close()}). */
    private long stops;

    Registration(OutgoingRequest first, HeartSettings settings, RequestProtocol protocol, HeartFactory factory) {
        this.first = first;
        this.settings = settings;
        this.beater = new TrackingBeater(null);
        Heart.Builder builder = Heart.builder(beater)
                .protocol(protocol)
                .disconnectTimeout(settings.disconnectTimeout())
                .listener(new HeartListener() {
                    @Override
                    public void attemptFailed(Beating b, OutgoingRequest request, int attempt, Throwable cause) {
                        if (beatingWanted) { // a failed disconnect after a stop is not this registration's state
                            lastFailure = String.valueOf(cause);
                        }
                    }
                });
        this.heart = factory.build(builder, first.target());
    }

    /** Starts a beating, unless one runs; the first beat goes at once. */
    synchronized void startBeating() {
        if (beatingWanted) {
            return;
        }
        beatingWanted = true;
        begin(Duration.ZERO);
    }

    private void begin(Duration delay) {
        beater.next(settings.beater().beaterFor(first));
        long since = System.nanoTime();
        beater.firstAccepted()
                .thenRun(() -> LOG.info(
                        "heart: registered {} with {} ({} ms after the registration began)",
                        first.request().registrant().id(),
                        first.target(),
                        (System.nanoTime() - since) / 1_000_000));
        BeaterSettings b = settings.beater();
        Beating started =
                heart.start(beater, first, new AttemptPlan(delay, Attempts.of(b.attemptTimeout(), b.maxRetries())));
        beating = started;
        started.completion().whenComplete((ignored, failure) -> ended(started, failure));
    }

    private void ended(Beating ended, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        synchronized (this) {
            if (!beatingWanted || ended != beating || cause instanceof CancellationException) {
                return;
            }
            if (cause == null) {
                LOG.warn(
                        "heart: {} refused {} for good; no longer beating with it (heart.beater.on-forbidden=stop)",
                        first.target(),
                        first.request().registrant().id());
                return;
            }
            restarts++;
            LOG.warn(
                    "heart: the registration of {} with {} ended ({}); it starts again in {}",
                    first.request().registrant().id(),
                    first.target(),
                    cause,
                    settings.restartDelay());
            try {
                begin(settings.restartDelay());
            } catch (IllegalStateException e) {
                LOG.debug("heart: not restarted, the heart is closed", e);
            }
        }
    }

    /**
     * Stops the beating, which sends one bounded disconnect, without waiting.
     *
     * @return completes when the beating has ended
     */
    CompletableFuture<Void> stopBeating() {
        Beating current;
        synchronized (this) {
            beatingWanted = false;
            stops++;
            current = beating;
            lastFailure = null;
            beater.forgetLease();
        }
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        current.stop();
        return current.completion().handle((v, e) -> {
            beater.forgetLease();
            return null;
        });
    }

    /**
     * Sends the registrant's new data (the same id) from now on: with the next beat, or, when
     * {@code reregister} (a transport that writes the data only when it registers, as etcd's), by
     * registering again at once: the beating is stopped (one disconnect) and started again. Does
     * not start a beating that is not wanted (readiness, an operator's deregistration).
     *
     * @param updated    the registrant with its new attributes; same id and service
     * @param reregister whether the transport needs a new registration to store the new data
     */
    void registrant(RegistrantInfo updated, boolean reregister) {
        Beating restart;
        long seen;
        synchronized (this) {
            if (updated.equals(first.request().registrant())) {
                return;
            }
            first = new OutgoingRequest(Request.beat(updated), first.target());
            beater.registrant(updated);
            if (!reregister || !beatingWanted || beating == null) {
                return;
            }
            restart = beating;
            beatingWanted = false;
            seen = stops;
        }
        LOG.info("heart: registering {} with {} again, with its new attributes", updated.id(), first.target());
        restart.stop();
        restart.completion().handle((v, e) -> {
            synchronized (this) {
                if (stops == seen) { // not stopped from outside meanwhile
                    startBeating();
                }
            }
            return null;
        });
    }

    /** Completed with the first response that accepted the registrant in the current beating. */
    CompletableFuture<?> firstAccepted() {
        return beater.firstAccepted();
    }

    OutgoingRequest first() {
        return first;
    }

    @Nullable
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
            beatingWanted = false;
            stops++;
        }
        return heart.closeAsync();
    }

    /** A snapshot of the current beating, or null when none has started. */
    @Nullable
    RegistrationSnapshot snapshot() {
        Beating current = beating;
        if (current == null) {
            return null;
        }
        BeatingStats stats = current.stats();
        return new RegistrationSnapshot(
                first.target(),
                first.request().registrant().id(),
                first.request().registrant().serviceType(),
                stats.state(),
                stats.health(),
                beater.leaseLeft(),
                beater.lastRoundTrip(),
                stats.beats(),
                stats.rejections(),
                stats.failedAttempts(),
                lastFailure,
                restarts);
    }
}
