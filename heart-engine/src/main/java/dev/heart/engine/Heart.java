package dev.heart.engine;

import dev.heart.api.AttemptPlan;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Keeps registrants registered by beating: the shared runtime (one timer, the transports with one
 * connection per registry, the executor, listeners and figures) on which any number of
 * registrations run, each with the beater it was given.
 *
 * <pre>{@code
 * try (Heart heart = Heart.builder().build();                     // transports found by URI scheme
 *      Beating registration = heart.register(me, URI.create("tcp://registry.local:7070"))) {
 *     ...                                                         // registered until closed
 * }
 * }</pre>
 *
 * <p>{@link #register} is the front door: it keeps a registrant registered with a ready-made
 * {@link LeaseFollowingBeater} (or the beater given), the first beat planned by the beater
 * ({@link HeartBeater#firstPlan}). The seed's loop is there for beaters of your own:
 * {@link #runBeating} (blocking) and {@link #start} (a handle) with an explicit first request,
 * timeout and retries, as {@code docs/semantics.md} describes. Beatings of any number of beaters
 * share this heart's timer thread and connections: build one heart per application.
 *
 * <p>Each beating keeps the lease token its registry issued and attaches it to the requests it
 * sends there, never to another registry (see the package documentation), so beaters never
 * handle tokens.
 *
 * <p>Thread-safe. {@link #close()} stops every beating and releases what the heart created
 * itself (its timer, its executor, its transports); what was passed in is the caller's to close.
 */
public final class Heart implements AutoCloseable {
    private final HeartBeater beater;
    private final HeartRuntime runtime;
    private volatile boolean closed;

    private Heart(Builder builder) {
        this.beater = builder.beater != null
                ? builder.beater
                : LeaseFollowingBeater.builder().build();
        this.runtime = new HeartRuntime(builder);
    }

    /**
     * A builder for a heart whose default beater is a {@link LeaseFollowingBeater} with its defaults.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder for a heart whose default beater, for {@link #register(RegistrantInfo, URI)},
     * {@link #runBeating} and {@link #start} without a beater, is {@code beater}.
     *
     * @param beater decides every next beat of the beatings given no beater
     * @return a new builder with the defaults
     */
    public static Builder builder(HeartBeater beater) {
        return new Builder(Checks.notNull(beater, "beater"));
    }

    /**
     * Keeps {@code registrant} registered at {@code registry} with the heart's default beater
     * (a {@link LeaseFollowingBeater} unless the builder was given another) until the returned
     * handle is closed: the one call most applications need.
     *
     * @param registrant who to keep registered
     * @param registry   the registry's address; its scheme picks the transport
     * @return the registration's handle: close it to leave (one bounded disconnect)
     * @throws dev.heart.api.NoTransportException at once, before anything is sent, when no
     *                               transport serves the scheme or the transport refuses the target
     * @throws IllegalStateException when the heart is closed
     */
    public Beating register(RegistrantInfo registrant, URI registry) {
        return register(registrant, registry, beater);
    }

    /**
     * Keeps {@code registrant} registered at {@code registry} with {@code beater}, which plans the
     * first beat too ({@link HeartBeater#firstPlan}). Registrations with different beaters share
     * this heart's timer, executor and connections.
     *
     * @param registrant who to keep registered
     * @param registry   the registry's address; its scheme picks the transport
     * @param beater     decides every beat of this registration
     * @return the registration's handle: close it to leave (one bounded disconnect)
     * @throws dev.heart.api.NoTransportException at once, as for {@link #register(RegistrantInfo, URI)}
     * @throws IllegalStateException when the heart is closed
     */
    public Beating register(RegistrantInfo registrant, URI registry, HeartBeater beater) {
        Checks.notNull(registrant, "registrant");
        Checks.notNull(registry, "registry");
        Checks.notNull(beater, "beater");
        OutgoingRequest first = new OutgoingRequest(Request.beat(registrant), registry);
        return start(beater, first, Checks.notNull(beater.firstPlan(first), "the beater's firstPlan"));
    }

    /**
     * Runs one beating with the heart's default beater and blocks until it has ended, as
     * {@link #runBeating(HeartBeater, OutgoingRequest, Duration, int)} does.
     *
     * @param initRequest the first request
     * @param initTimeout the bound of each attempt of the first beat; positive, at most 100 years
     * @param initRetries retransmissions allowed for the first beat; zero or more
     * @throws InterruptedException when the calling thread was interrupted
     */
    public void runBeating(OutgoingRequest initRequest, Duration initTimeout, int initRetries)
            throws InterruptedException {
        runBeating(beater, initRequest, initTimeout, initRetries);
    }

    /**
     * Runs one beating driven by {@code beater} and blocks until it has ended: when this returns
     * or throws, nothing of the beating runs any more (no beater, listener or transport callback
     * of it). Returns normally when the beater did not continue.
     *
     * @param beater      decides every next beat of this beating
     * @param initRequest the first request
     * @param initTimeout the bound of each attempt of the first beat; positive, at most 100 years
     * @param initRetries retransmissions allowed for the first beat; zero or more
     * @throws BeatFailedException     when every attempt of a beat failed and the beater's
     *                                 {@code beatFailed} did not continue; it carries each cause
     * @throws BeaterFailedException   when the beater threw; the beater's exception is the cause
     * @throws BeatingStoppedException when the heart was closed while the beating ran (after the
     *                                 disconnect, as for {@link Beating#stop()})
     * @throws InterruptedException    when the calling thread was interrupted: the beating is
     *                                 stopped as by {@link Beating#stop()} (one bounded disconnect
     *                                 whenever a request went out) and has ended before this is
     *                                 thrown
     * @throws dev.heart.api.NoTransportException at once, before anything is sent, when no
     *                                 transport serves the target's scheme or the transport finds
     *                                 the target unusable as configured
     * @throws dev.heart.api.HeartException when the engine broke on an internal error
     * @throws NullPointerException    naming a null argument
     * @throws IllegalArgumentException naming an argument out of range
     * @throws IllegalStateException   when the heart is closed
     */
    public void runBeating(HeartBeater beater, OutgoingRequest initRequest, Duration initTimeout, int initRetries)
            throws InterruptedException {
        begin(Checks.notNull(beater, "beater"), initRequest, initTimeout, initRetries, Duration.ZERO)
                .join();
    }

    /**
     * Starts one beating with the heart's default beater, without blocking.
     *
     * @param initRequest the first request
     * @param initTimeout the bound of each attempt of the first beat; positive, at most 100 years
     * @param initRetries retransmissions allowed for the first beat; zero or more
     * @return the beating's handle
     * @throws dev.heart.api.NoTransportException at once, before anything is sent, when no
     *                               transport serves the target's scheme or refuses the target
     * @throws IllegalStateException when the heart is closed
     */
    public Beating start(OutgoingRequest initRequest, Duration initTimeout, int initRetries) {
        return begin(beater, initRequest, initTimeout, initRetries, Duration.ZERO);
    }

    /**
     * Starts one beating driven by {@code beater} without blocking.
     *
     * @param beater      decides every next beat of this beating
     * @param initRequest the first request
     * @param initTimeout the bound of each attempt of the first beat; positive, at most 100 years
     * @param initRetries retransmissions allowed for the first beat; zero or more
     * @return the beating's handle
     * @throws dev.heart.api.NoTransportException at once, as for {@link #start(OutgoingRequest, Duration, int)}
     * @throws IllegalStateException when the heart is closed
     */
    public Beating start(HeartBeater beater, OutgoingRequest initRequest, Duration initTimeout, int initRetries) {
        return begin(Checks.notNull(beater, "beater"), initRequest, initTimeout, initRetries, Duration.ZERO);
    }

    /**
     * Starts one beating driven by {@code beater} whose first beat follows {@code firstPlan}: its
     * delay (served by the timer, for instance a phase that spreads beatings started together) and
     * attempts.
     *
     * @param beater      decides every next beat of this beating
     * @param initRequest the first request
     * @param firstPlan   the first beat's delay and attempts; each at most 100 years
     * @return the beating's handle
     * @throws dev.heart.api.NoTransportException at once, as for {@link #start(OutgoingRequest, Duration, int)}
     * @throws IllegalStateException when the heart is closed
     */
    public Beating start(HeartBeater beater, OutgoingRequest initRequest, AttemptPlan firstPlan) {
        Checks.notNull(firstPlan, "firstPlan");
        return begin(
                Checks.notNull(beater, "beater"),
                initRequest,
                firstPlan.attempts().timeout(),
                firstPlan.attempts().retries(),
                Limits.notNegative(firstPlan.delay(), "delay"));
    }

    private BeatingRun begin(
            HeartBeater beater, OutgoingRequest initRequest, Duration initTimeout, int initRetries, Duration delay) {
        Checks.notNull(initRequest, "initRequest");
        Limits.positive(initTimeout, "initTimeout");
        Checks.notNegative(initRetries, "initRetries");
        if (closed) {
            throw new IllegalStateException("heart is closed");
        }
        runtime.protocol().check(initRequest.target()); // a setup mistake fails here, before anything is sent
        BeatingRun run = new BeatingRun(runtime, beater, initRequest);
        runtime.running().add(run); // removed by the run itself as it ends
        if (closed) {
            run.stop();
        }
        run.begin(initTimeout, initRetries, delay);
        return run;
    }

    /**
     * A snapshot of every beating's figures: totals since the heart was built, percentiles, and
     * the running beatings by state and health. Walks the running beatings: meant for a
     * dashboard every few seconds, not for every beat.
     *
     * @return a new snapshot
     */
    public HeartStats stats() {
        return runtime.metrics().snapshot(runtime.running());
    }

    /**
     * How many beatings are running now.
     *
     * @return the number of beatings not yet ended, 0 or more
     */
    public int runningBeatings() {
        return runtime.running().size();
    }

    /**
     * Stops every beating, waits for each to end (each disconnect is bounded by the disconnect
     * timeout), then releases what this heart created. Idempotent. With a virtual
     * {@link TimeSource}, where time moves only when the test moves it, use {@link #closeAsync()}
     * and advance time until it completes.
     */
    @Override
    public void close() {
        BeatingRun.awaitUninterruptibly(closeAsync());
    }

    /**
     * Stops every beating without waiting: the returned future completes once every beating has
     * ended and what this heart created is released. New beatings are refused from now on.
     *
     * @return a future of the close
     */
    public CompletableFuture<Void> closeAsync() {
        closed = true;
        return runtime.stopAll();
    }

    /**
     * Configures a {@link Heart}; its settings are described on the methods it inherits. Not
     * thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder extends HeartOptions {
        private Builder(@Nullable HeartBeater beater) {
            super(beater);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * A new heart with this configuration.
         *
         * @return a new, running heart; the caller closes it
         */
        public Heart build() {
            return new Heart(this);
        }
    }
}
