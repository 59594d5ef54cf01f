package dev.heart.spring.boot;

import dev.heart.api.AttemptPlan;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.BeatingContext;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The beater of a registration's heart: it hands each beating's calls to that beating's own beater
 * (a new one per beating, set by {@link #next} before the beating starts, as a failover beater
 * follows one beating only), and sees what the engine hands it on the way: the last round trip,
 * the lease of the last accepted response, and the first acceptance (for fail-fast). Every request
 * its beater sends for the registrant goes with the registrant's current data ({@link #registrant}),
 * so that a changed attribute (the application's health as status) goes with the next beat.
 *
 * <p>The heart runs one beating at a time, and the engine never calls a beater concurrently for
 * one beating; read from any thread through volatile fields.
 */
final class TrackingBeater implements HeartBeater {
    /** The beater of the current beating; null until the first {@link #next}. */
    private volatile @Nullable HeartBeater inner;

    private volatile CompletableFuture<Response> firstAccepted = new CompletableFuture<>();
    private volatile @Nullable Duration lastRoundTrip;
    private volatile long leaseEndsAt;
    private volatile boolean leased;
    private volatile @Nullable Response lastResponse;
    private volatile @Nullable RegistrantInfo registrant;

    TrackingBeater(@Nullable HeartBeater inner) {
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
        following().beat(new Answer(next));
    }

    @Override
    public void beatFailed(BeatFailure next) {
        following().beatFailed(new Failure(next));
    }

    /** The beater followed: set by {@link #next}, which runs before each beating starts. */
    private HeartBeater following() {
        return Objects.requireNonNull(inner, "no beating started with next(beater)");
    }

    /** The registrant's current data, sent from the next beat on in place of what the beater sends. */
    void registrant(RegistrantInfo current) {
        registrant = current;
    }

    /** {@code request} with the registrant's current data, when it is about the same registrant. */
    private OutgoingRequest current(OutgoingRequest request) {
        RegistrantInfo now = registrant;
        RegistrantInfo sent = request.request().registrant();
        if (now == null || sent == now || !sent.id().equals(now.id()) || sent.equals(now)) {
            return request;
        }
        Request r = request.request();
        return new OutgoingRequest(new Request(now, r.disconnect(), r.token()), request.target());
    }

    /** An answer whose sends carry the registrant's current data. */
    private final class Answer implements BeatAnswer {
        private final BeatAnswer answer;

        Answer(BeatAnswer answer) {
            this.answer = answer;
        }

        @Override
        public Response response() {
            return answer.response();
        }

        @Override
        public Duration roundTrip() {
            return answer.roundTrip();
        }

        @Override
        public int retries() {
            return answer.retries();
        }

        @Override
        public boolean established() {
            return answer.established();
        }

        @Override
        public void send(OutgoingRequest request, AttemptPlan plan) {
            answer.send(current(request), plan);
        }

        @Override
        public OutgoingRequest lastRequest() {
            return answer.lastRequest();
        }

        @Override
        public BeatingContext context() {
            return answer.context();
        }

        @Override
        public long nanoTime() {
            return answer.nanoTime();
        }
    }

    /** A failure whose sends carry the registrant's current data. */
    private final class Failure implements BeatFailure {
        private final BeatFailure failure;

        Failure(BeatFailure failure) {
            this.failure = failure;
        }

        @Override
        public BeatFailedException failure() {
            return failure.failure();
        }

        @Override
        public void send(OutgoingRequest request, AttemptPlan plan) {
            failure.send(current(request), plan);
        }

        @Override
        public OutgoingRequest lastRequest() {
            return failure.lastRequest();
        }

        @Override
        public BeatingContext context() {
            return failure.context();
        }

        @Override
        public long nanoTime() {
            return failure.nanoTime();
        }
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
    @Nullable
    Duration lastRoundTrip() {
        return lastRoundTrip;
    }

    /** The last response, or null before the first. */
    @Nullable
    Response lastResponse() {
        return lastResponse;
    }

    /**
     * What is left of the last accepted lease, as seen from this JVM's monotonic clock: zero once it
     * passed, null when there is none (nothing accepted, rejected since, or no deadline given).
     */
    @Nullable
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
