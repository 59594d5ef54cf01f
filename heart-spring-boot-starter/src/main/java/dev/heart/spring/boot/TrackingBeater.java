package dev.heart.spring.boot;

import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The beater of a registration's heart: it hands each beating's calls to that beating's own beater
 * (a new one per beating, set by {@link #next} before the beating starts, as a failover beater
 * follows one beating only), and sees what the engine hands it on the way: the last round trip,
 * the lease of the last accepted response, and the first acceptance (for fail-fast).
 *
 * <p>The heart runs one beating at a time, and the engine never calls a beater concurrently for
 * one beating; read from any thread through volatile fields.
 */
final class TrackingBeater implements HeartBeater {
    private volatile HeartBeater inner;
    private volatile CompletableFuture<Response> firstAccepted = new CompletableFuture<>();
    private volatile Duration lastRoundTrip;
    private volatile long leaseEndsAt;
    private volatile boolean leased;
    private volatile Response lastResponse;

    TrackingBeater(HeartBeater inner) {
        this.inner = inner;
    }

    /** Forgets the last beating and follows the next one with {@code beater}. */
    void next(HeartBeater beater) {
        inner = beater;
        firstAccepted = new CompletableFuture<>();
        lastRoundTrip = null;
        lastResponse = null;
        leased = false;
    }

    @Override
    public void beat(BeatAnswer next) {
        Response response = next.response();
        Duration roundTrip = next.roundTrip();
        lastRoundTrip = roundTrip;
        lastResponse = response;
        if (response.reject()) {
            leased = false;
        } else {
            leaseEndsAt = System.nanoTime() + response.timeout().toNanos();
            leased = !response.timeout().isZero();
            firstAccepted.complete(response);
        }
        inner.beat(next);
    }

    @Override
    public void beatFailed(BeatFailure next) {
        inner.beatFailed(next);
    }

    /** As the beater it follows: the ready-made ones never block, so no worker thread is used. */
    @Override
    public boolean neverBlocks() {
        HeartBeater current = inner;
        return current != null && current.neverBlocks();
    }

    /** Forgets the lease: the beating was stopped and the registry told to forget this registrant. */
    void forgetLease() {
        leased = false;
    }

    /** Completed with the first accepted response; never completed exceptionally. */
    CompletableFuture<Response> firstAccepted() {
        return firstAccepted;
    }

    /** The round trip of the last exchange, or null before the first. */
    Duration lastRoundTrip() {
        return lastRoundTrip;
    }

    /** The last response, or null before the first. */
    Response lastResponse() {
        return lastResponse;
    }

    /**
     * What is left of the last accepted lease, as seen from this JVM's monotonic clock: zero once it
     * passed, null when there is none (nothing accepted, rejected since, or no deadline given).
     */
    Duration leaseLeft() {
        if (!leased) {
            return null;
        }
        long left = leaseEndsAt - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    @Override
    public String toString() {
        return String.valueOf(inner);
    }
}
