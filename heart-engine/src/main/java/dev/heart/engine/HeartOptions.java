package dev.heart.engine;

import dev.heart.api.HeartBeater;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link Heart}, with their setters; {@link Heart.Builder} is its public face.
 * Not thread-safe.
 */
abstract class HeartOptions {
    final @Nullable HeartBeater beater;

    @Nullable
    RequestProtocol protocol;

    @Nullable
    TimeSource time;

    @Nullable
    Executor executor;

    final List<HeartListener> listeners = new ArrayList<>();
    RetryBackoff backoff = RetryBackoff.none();
    Duration disconnectTimeout = Duration.ofSeconds(1);
    Duration lateBeatThreshold = Duration.ofMillis(100);
    org.slf4j.Logger beatingLog = EngineLog.BEATING;

    HeartOptions(@Nullable HeartBeater beater) {
        this.beater = beater;
    }

    /** This builder, for chaining. */
    abstract Heart.Builder self();

    /**
     * The transport to send with. Default: {@link Transports#load()}, every transport on the
     * module path, chosen by each target's URI scheme, closed with the heart. A protocol passed
     * here is the caller's to close.
     *
     * @param protocol the transport; stays owned by the caller
     * @return this builder
     */
    public Heart.Builder protocol(RequestProtocol protocol) {
        this.protocol = Checks.notNull(protocol, "protocol");
        return self();
    }

    /**
     * The clock and timer. Default: {@link TimeSource#system()}, closed with the heart. The
     * testkit's virtual time goes here.
     *
     * @param time the monotonic clock and timer; stays owned by the caller
     * @return this builder
     */
    public Heart.Builder timeSource(TimeSource time) {
        this.time = Checks.notNull(time, "timeSource");
        return self();
    }

    /**
     * Where calls of beaters that may block run. A beater that says it never blocks
     * ({@link HeartBeater#neverBlocks()}, as every ready-made beater does) is called on the thread
     * that received the answer (a transport's I/O thread, or the timer) and never uses this
     * executor, so a heart of ready-made beaters starts no worker thread at all. Default: a
     * virtual thread per call on Java 21+, else a pool of daemon threads named
     * {@code heart-worker-N} that starts empty, grows while beaters block and retires idle
     * threads after 30 s; closed with the heart. Pick your own to bound or share the threads of
     * blocking beaters; {@code Runnable::run} runs every beater inline, as if each said it never
     * blocks.
     *
     * @param executor runs calls of beaters that may block; stays owned by the caller
     * @return this builder
     */
    public Heart.Builder executor(Executor executor) {
        this.executor = Checks.notNull(executor, "executor");
        return self();
    }

    /**
     * Adds a listener; listeners are called in the order added.
     *
     * @param listener called on the beating's thread of the moment, so it must be quick
     * @return this builder
     */
    public Heart.Builder listener(HeartListener listener) {
        listeners.add(Checks.notNull(listener, "listener"));
        return self();
    }

    /**
     * The wait between attempts of one beat. Default: {@link RetryBackoff#none()}.
     *
     * @param backoff the wait before each retransmission
     * @return this builder
     */
    public Heart.Builder retryBackoff(RetryBackoff backoff) {
        this.backoff = Checks.notNull(backoff, "retryBackoff");
        return self();
    }

    /**
     * The bound of the single disconnect attempt sent when an established beating is stopped.
     * Default: 1 second.
     *
     * @param timeout positive, at most 100 years
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is zero, negative or above 100 years
     */
    public Heart.Builder disconnectTimeout(Duration timeout) {
        this.disconnectTimeout = Limits.positive(timeout, "disconnectTimeout");
        return self();
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
    public Heart.Builder lateBeatThreshold(Duration threshold) {
        this.lateBeatThreshold = Limits.positive(threshold, "lateBeatThreshold");
        return self();
    }

    /** Where the registrants' INFO and WARN lines go; for the engine's own tests. */
    Heart.Builder beatingLog(org.slf4j.Logger log) {
        this.beatingLog = log;
        return self();
    }
}
