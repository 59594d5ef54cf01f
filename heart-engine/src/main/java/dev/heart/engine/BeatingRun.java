package dev.heart.engine;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The handle of one beating and its futures. The beating itself runs in its {@link AttemptLoop};
 * this class only reads what the loop publishes ({@link #state}, health and stats) and posts a
 * stop. Thread-safe.
 */
final class BeatingRun implements Beating {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final OutgoingRequest initial;
    private final HeartBeater beater;
    /** Completed first, with every copy handed out by {@link #completion()}; then {@link #outcome}. */
    private final CompletableFuture<Void> announced = new CompletableFuture<>();
    /** Completed last: whoever waits on it (runBeating, close) finds every copy complete. */
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    private final AttemptLoop loop;
    /** Written by the loop, read by anyone. */
    private volatile State state = State.CONNECTING;
    /**
     * The beater's per-beating state ({@link Context}); null until the beater first stores
     * something, dropped when the beating ends. Used only by the beater call of the moment, which
     * the mailbox hands from one call to the next (so it needs no lock).
     */
    private @Nullable Object @Nullable [] context;

    BeatingRun(HeartRuntime heart, HeartBeater beater, OutgoingRequest initial) {
        this.initial = initial;
        this.beater = beater;
        this.loop = new AttemptLoop(heart, this);
    }

    /** Starts the loop: its first decision is made already, by the caller of {@link Heart#start}. */
    void begin(Duration initTimeout, int initRetries, Duration initialDelay) {
        BeaterCall first = new BeaterCall(loop, 0, initial, null, null, 0, false, null);
        first.request = initial;
        first.timeout = initTimeout;
        first.retries = initRetries;
        first.delay = initialDelay;
        first.seal();
        loop.mailbox().post(first);
    }

    HeartBeater beater() {
        return beater;
    }

    @Nullable
    Object @Nullable [] context() {
        return context;
    }

    void context(Object[] entries) {
        context = entries;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public OutgoingRequest initialRequest() {
        return initial;
    }

    @Override
    public State state() {
        return state;
    }

    void state(State next) {
        state = next;
    }

    @Override
    public Health health() {
        return loop.events().health();
    }

    @Override
    public BeatingStats stats() {
        return loop.events().stats(state);
    }

    @Override
    public void stop() {
        if (!outcome.isDone()) {
            loop.mailbox().post(LoopEvent.Stop.INSTANCE);
        }
    }

    @Override
    public CompletableFuture<Void> completion() {
        return announced.copy();
    }

    CompletableFuture<Void> outcome() {
        return outcome;
    }

    /** The loop ended with {@code cause} (null: the beater stopped): the heart forgets it, then every future completes. */
    void complete(@Nullable Throwable cause) {
        state = State.ENDED;
        context = null;
        loop.heart().ended(this);
        if (cause == null) {
            announced.complete(null);
            outcome.complete(null);
        } else {
            announced.completeExceptionally(cause);
            outcome.completeExceptionally(cause);
        }
    }

    /**
     * Waits for the outcome, as {@link Heart#runBeating} does: returns when the beater stopped,
     * throws the outcome's exception; an interrupt stops the beating and is rethrown once it ended.
     */
    void join() throws InterruptedException {
        try {
            outcome.get();
        } catch (InterruptedException e) {
            stop();
            awaitUninterruptibly(outcome);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw (Error) cause;
        }
    }

    /** Stops the beating and waits until it has ended (its disconnect is bounded). */
    @Override
    public void close() {
        stop();
        awaitUninterruptibly(outcome);
    }

    /** Waits for {@code future} to complete, however it completes, keeping an interrupt for later. */
    static void awaitUninterruptibly(CompletableFuture<?> future) {
        boolean interrupted = false;
        while (true) {
            try {
                future.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The registrant's id. */
    String registrant() {
        return initial.request().registrant().id();
    }

    /** The registrant's service type. */
    String service() {
        return initial.request().registrant().serviceType();
    }

    Mailbox mailbox() {
        return loop.mailbox();
    }

    @Override
    public String toString() {
        return "Beating#" + id + "[" + registrant() + " -> " + initial.target() + ", " + state + "]";
    }
}
