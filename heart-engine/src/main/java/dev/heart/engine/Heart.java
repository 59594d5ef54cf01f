package dev.heart.engine;

import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.engine.internal.Checks;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Keeps registrants alive by beating: sends a request, hands the response to the
 * {@link HeartBeater}, and repeats as the beater decides.
 *
 * <p>One {@code Heart} runs any number of independent beatings, each started with
 * {@link #runBeating} (blocking) or {@link #start} (a handle). No beating holds a thread while it
 * waits: timeouts and delays are served by the {@link TimeSource}, beater calls by the executor.
 *
 * <pre>{@code
 * try (Heart heart = Heart.builder(beater).build()) {       // transports found by URI scheme
 *     heart.runBeating(first, Duration.ofSeconds(1), 2);   // blocks until the beating ends
 * }
 * }</pre>
 *
 * <p><b>Lease tokens.</b> A registry may issue a {@link dev.heart.api.LeaseToken} with an accepted
 * response; each beating keeps the latest one it received and attaches it to every request it
 * sends after that, retries and the disconnect included, so beaters never handle tokens. An
 * accepted response with a token (a new registration) replaces it; an accepted response without
 * one, or any other rejection, keeps it; a rejection saying "not registered"
 * ({@link dev.heart.api.RejectReason#NOT_REGISTERED}) clears it, and requests then go out as the
 * beater made them until the next registration. A beating that holds no token sends each request
 * as the beater made it (with the beater's own token, if it set one).
 *
 * <p>Thread-safe. {@link #close()} stops every beating and releases what the heart created
 * itself (its timer, its executor, its transports); what was passed in is the caller's to close.
 */
public final class Heart implements AutoCloseable {
    private final HeartBeater beater;
    private final RequestProtocol protocol;
    private final TimeSource time;
    private final Executor executor;
    private final Listeners listeners;
    private final RetryBackoff backoff;
    private final Duration disconnectTimeout;
    private final Duration lateBeatThreshold;
    private final HeartMetrics metrics = new HeartMetrics();
    private final BeatingLogs logs;
    private final List<AutoCloseable> owned;
    private final Set<BeatingRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Heart(Builder builder) {
        List<AutoCloseable> own = new ArrayList<>();
        this.beater = builder.beater;
        this.protocol = builder.protocol != null ? builder.protocol : owned(own, Transports.load());
        this.time = builder.time != null ? builder.time : owned(own, TimeSource.system());
        if (builder.executor != null) {
            this.executor = builder.executor;
        } else {
            ExecutorService created = DefaultExecutor.create();
            own.add(created::shutdown);
            this.executor = created;
        }
        this.listeners = new Listeners(List.copyOf(builder.listeners));
        this.logs = new BeatingLogs(time, builder.beatingLog);
        this.backoff = builder.backoff;
        this.disconnectTimeout = builder.disconnectTimeout;
        this.lateBeatThreshold = builder.lateBeatThreshold;
        this.owned = List.copyOf(own);
    }

    private static <T extends AutoCloseable> T owned(List<AutoCloseable> own, T resource) {
        own.add(resource);
        return resource;
    }

    /**
     * A builder for a heart driven by {@code beater}.
     *
     * @param beater decides every next beat; not null
     * @return a new builder with the defaults; never null
     */
    public static Builder builder(HeartBeater beater) {
        return new Builder(Checks.notNull(beater, "beater"));
    }

    /**
     * Runs one beating and blocks until it has ended: when this returns or throws, nothing of the
     * beating runs any more (no beater, listener or transport callback of it). Returns normally
     * when the beater did not continue ({@link dev.heart.api.NextBeat#send} not called).
     *
     * @param initRequest the first request; not null
     * @param initTimeout the bound of each attempt of the first beat; positive, at most 100 years
     * @param initRetries  retransmissions allowed for the first beat; zero or more
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
    public void runBeating(OutgoingRequest initRequest, Duration initTimeout, int initRetries)
            throws InterruptedException {
        BeatingRun run = begin(initRequest, initTimeout, initRetries, Duration.ZERO);
        try {
            run.outcome().get();
        } catch (InterruptedException e) {
            run.stop();
            run.awaitUninterruptibly();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw (Error) cause;
        }
    }

    /**
     * Starts one beating without blocking.
     *
     * @param initRequest the first request; not null
     * @param initTimeout the bound of each attempt of the first beat; positive, at most 100 years
     * @param initRetries  retransmissions allowed for the first beat; zero or more
     * @return the beating's handle; never null
     * @throws dev.heart.api.NoTransportException at once, before anything is sent, when no
     *                               transport serves the target's scheme or the transport finds
     *                               the target unusable as configured
     * @throws IllegalArgumentException naming an argument out of range
     * @throws IllegalStateException when the heart is closed
     */
    public Beating start(OutgoingRequest initRequest, Duration initTimeout, int initRetries) {
        return begin(initRequest, initTimeout, initRetries, Duration.ZERO);
    }

    /**
     * Starts one beating whose first beat is sent after {@code initialDelay}, served by the
     * timer: to spread hearts started together (see
     * {@link dev.heart.engine.beater.FixedRateBeater#initialPhase()}).
     *
     * @param initRequest  the first request; not null
     * @param initTimeout  the bound of each attempt of the first beat; positive, at most 100 years
     * @param initRetries   retransmissions allowed for the first beat; zero or more
     * @param initialDelay the wait before the first beat; zero or more, at most 100 years
     * @return the beating's handle; never null
     * @throws dev.heart.api.NoTransportException at once, as for {@link #start(OutgoingRequest, Duration, int)}
     * @throws IllegalArgumentException naming an argument out of range
     * @throws IllegalStateException when the heart is closed
     */
    public Beating start(OutgoingRequest initRequest, Duration initTimeout, int initRetries, Duration initialDelay) {
        return begin(initRequest, initTimeout, initRetries, Limits.notNegative(initialDelay, "initialDelay"));
    }

    private BeatingRun begin(OutgoingRequest initRequest, Duration initTimeout, int initRetries, Duration delay) {
        Checks.notNull(initRequest, "initRequest");
        Limits.positive(initTimeout, "initTimeout");
        Checks.notNegative(initRetries, "initRetries");
        if (closed) {
            throw new IllegalStateException("heart is closed");
        }
        protocol.check(initRequest.target()); // a setup mistake fails here, before anything is sent
        BeatingRun run = new BeatingRun(this, beater, initRequest);
        running.add(run); // removed by the run itself as it ends
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
     * @return a new snapshot; never null
     */
    public HeartStats stats() {
        return metrics.snapshot(running);
    }

    /**
     * How many beatings are running now.
     *
     * @return the number of beatings not yet ended, 0 or more
     */
    public int runningBeatings() {
        return running.size();
    }

    /**
     * Stops every beating, waits for each to end (each disconnect is bounded by the disconnect
     * timeout), then releases what this heart created. Idempotent. With a virtual
     * {@link TimeSource}, where time moves only when the test moves it, use {@link #closeAsync()}
     * and advance time until it completes.
     */
    @Override
    public void close() {
        CompletableFuture<Void> closing = closeAsync();
        boolean interrupted = false;
        while (true) {
            try {
                closing.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops every beating without waiting: the returned future completes once every beating has
     * ended and what this heart created is released. New beatings are refused from now on.
     *
     * @return a future of the close; never null
     */
    public CompletableFuture<Void> closeAsync() {
        closed = true;
        List<BeatingRun> runs = new ArrayList<>(running);
        CompletableFuture<?>[] ends = new CompletableFuture<?>[runs.size()];
        for (int i = 0; i < ends.length; i++) {
            BeatingRun run = runs.get(i);
            run.stop();
            ends[i] = run.outcome().handle((v, e) -> null);
        }
        return CompletableFuture.allOf(ends).thenRun(this::release);
    }

    private void release() {
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                EngineLog.HEART.warn("closing {} failed", resource, e);
            }
        }
    }

    void ended(BeatingRun run) {
        running.remove(run);
    }

    HeartBeater beater() {
        return beater;
    }

    RequestProtocol protocol() {
        return protocol;
    }

    TimeSource time() {
        return time;
    }

    Executor executor() {
        return executor;
    }

    Listeners listeners() {
        return listeners;
    }

    RetryBackoff backoff() {
        return backoff;
    }

    Duration disconnectTimeout() {
        return disconnectTimeout;
    }

    Duration lateBeatThreshold() {
        return lateBeatThreshold;
    }

    BeatingLogs logs() {
        return logs;
    }

    HeartMetrics metrics() {
        return metrics;
    }

    /** Configures a {@link Heart}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final HeartBeater beater;
        private RequestProtocol protocol;
        private TimeSource time;
        private Executor executor;
        private final List<HeartListener> listeners = new ArrayList<>();
        private RetryBackoff backoff = RetryBackoff.none();
        private Duration disconnectTimeout = Duration.ofSeconds(1);
        private Duration lateBeatThreshold = Duration.ofMillis(100);
        private org.slf4j.Logger beatingLog = EngineLog.BEATING;

        private Builder(HeartBeater beater) {
            this.beater = beater;
        }

        /**
         * The transport to send with. Default: {@link Transports#load()}, every transport on the
         * module path, chosen by each target's URI scheme, closed with the heart. A protocol passed
         * here is the caller's to close.
         *
         * @param protocol the transport; not null; stays owned by the caller
         * @return this builder
         */
        public Builder protocol(RequestProtocol protocol) {
            this.protocol = Checks.notNull(protocol, "protocol");
            return this;
        }

        /**
         * The clock and timer. Default: {@link TimeSource#system()}, closed with the heart. The
         * testkit's virtual time goes here.
         *
         * @param time the monotonic clock and timer; not null; stays owned by the caller
         * @return this builder
         */
        public Builder timeSource(TimeSource time) {
            this.time = Checks.notNull(time, "timeSource");
            return this;
        }

        /**
         * Where beater and listener calls run. Default: a virtual thread per call on Java 21+,
         * else a pool of daemon threads named {@code heart-worker-N} that grows while beaters
         * block; closed with the heart. {@code Runnable::run} runs them on the thread that
         * received the response: fastest, for beaters that never block.
         *
         * @param executor runs beater and listener calls; not null; stays owned by the caller
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Checks.notNull(executor, "executor");
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order added.
         *
         * @param listener called on the beating's thread of the moment, so it must be quick; not null
         * @return this builder
         */
        public Builder listener(HeartListener listener) {
            listeners.add(Checks.notNull(listener, "listener"));
            return this;
        }

        /**
         * The wait between attempts of one beat. Default: {@link RetryBackoff#none()}.
         *
         * @param backoff the wait before each retransmission; not null
         * @return this builder
         */
        public Builder retryBackoff(RetryBackoff backoff) {
            this.backoff = Checks.notNull(backoff, "retryBackoff");
            return this;
        }

        /**
         * The bound of the single disconnect attempt sent when an established beating is stopped.
         * Default: 1 second.
         *
         * @param timeout positive, at most 100 years
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero, negative or above 100 years
         */
        public Builder disconnectTimeout(Duration timeout) {
            this.disconnectTimeout = Limits.positive(timeout, "disconnectTimeout");
            return this;
        }

        /**
         * How late a delayed beat may be sent behind its due time before it counts as a late
         * beat ({@link HeartListener#lateBeat}, a JFR event, {@link HeartStats#lateBeats()}).
         * Default: 100 ms.
         *
         * @param threshold positive, at most 100 years
         * @return this builder
         * @throws IllegalArgumentException when {@code threshold} is zero, negative or above 100 years
         */
        public Builder lateBeatThreshold(Duration threshold) {
            this.lateBeatThreshold = Limits.positive(threshold, "lateBeatThreshold");
            return this;
        }

        /** Where the registrants' INFO and WARN lines go; for the engine's own tests. */
        Builder beatingLog(org.slf4j.Logger log) {
            this.beatingLog = log;
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
