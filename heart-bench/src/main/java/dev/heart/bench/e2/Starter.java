package dev.heart.bench.e2;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.Heart;
import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Starts the hearts on a named thread, each at a random phase spread uniformly over one interval,
 * so that beats are spread evenly from the start. Tracks how far behind its plan it ran.
 */
final class Starter implements Runnable {
    private final Heart heart;
    private final URI target;
    private final int hearts;
    private final long spreadNanos;
    private final Duration attemptTimeout;
    private final int retryN;
    private final long seed;
    private volatile int started;
    private volatile long maxLagNanos;
    private volatile boolean stopped;
    private volatile @Nullable Throwable failure;
    private @Nullable Thread thread;

    Starter(Heart heart, URI target, int hearts, Duration spread, Duration attemptTimeout, int retryN, long seed) {
        this.heart = heart;
        this.target = target;
        this.hearts = hearts;
        this.spreadNanos = spread.toNanos();
        this.attemptTimeout = attemptTimeout;
        this.retryN = retryN;
        this.seed = seed;
    }

    /** Starts the thread {@code e2-starter}; call once. */
    void startThread() {
        thread = new Thread(this, "e2-starter");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            long[] offsets = new SplittableRandom(seed)
                    .longs(hearts, 0, spreadNanos)
                    .sorted()
                    .toArray();
            long t0 = System.nanoTime();
            for (int i = 0; i < hearts && !stopped; i++) {
                long due = t0 + offsets[i];
                long wait = due - System.nanoTime();
                if (wait > 100_000) {
                    LockSupport.parkNanos(wait);
                }
                long lag = System.nanoTime() - due;
                if (lag > maxLagNanos) {
                    maxLagNanos = lag;
                }
                heart.start(request(i), attemptTimeout, retryN);
                started = i + 1;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private OutgoingRequest request(int i) {
        return new OutgoingRequest(Request.beat(RegistrantInfo.of(id(i), ManyHearts.SERVICE)), target);
    }

    /** The id of heart number {@code i}, from 0. */
    static String id(int i) {
        return "heart-" + i;
    }

    int started() {
        return started;
    }

    long maxLagNanos() {
        return maxLagNanos;
    }

    @Nullable
    Throwable failure() {
        return failure;
    }

    /** Stops starting hearts and waits for the thread to end. */
    void stop() throws InterruptedException {
        stopped = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            thread.join();
        }
    }
}
