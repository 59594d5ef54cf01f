package dev.heart.engine.beater;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.engine.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a beater and moves the registrant to another registry when the current one fails a beat or
 * rejects it for capacity or with no reason: to a registry reachable from the current one (the
 * candidates its responses named ({@link dev.heart.api.RegistryInfo#candidates()}), theirs, and
 * those configured with {@link Builder#registries}), skipping the ones that failed this registrant
 * most recently, after a capped exponential backoff with full jitter (by default within
 * 100 ms, doubling up to 2 s; reset by the first accepted response). A registry not tried yet in
 * this trouble is tried after a first step only (within 100 ms); the growing backoff applies when
 * it comes back to one that failed it; a candidate that never answered is tried once per trouble.
 * Accepted responses go to the wrapped beater, whose requests are sent to the current registry.
 *
 * <p>It never moves a registrant from a registry reached over TLS to a learned candidate of a
 * plaintext scheme (for instance {@code tcps} to {@code tcp}, {@code etcds} to {@code etcd},
 * {@code eurekas} to {@code eureka} or {@code http}) unless that scheme is allowed by name
 * ({@link Builder#allowWeakerScheme}); lease tokens never follow a move to another registry.
 *
 * <p>It spreads its beats as the wrapped beater does (the ready-made ones with a random phase after
 * the first answer and jitter on every wait); the first beat to another registry waits a jittered
 * backoff step.
 *
 * <p>It keeps its registrant registered until the application stops it, as every ready-made beater
 * does: see {@link Recovery}, which it takes with {@link Builder#recovery}; with
 * {@link OnReject#REREGISTER} a forbidden rejection moves on as a failure does, with the longer
 * forbidden backoff when it comes back. A {@linkplain Response#notRegistered() "not registered"}
 * rejection registers again at once at the same registry.
 *
 * <p>Thread-safe: one instance may drive any number of beatings on one heart. The registry a
 * registrant beats is the one its beating last sent to ({@link NextBeat#lastRequest()}); what it
 * remembers per registrant in trouble (failures in a row, the registries that failed it) lives in
 * the beating's context until the next accepted response; what it learns about registries (their
 * candidates, at most 32 registries) is shared. It never blocks when the wrapped beater never does.
 */
public final class FailoverBeater implements HeartBeater {
    /** Hears every switch of registry. */
    @FunctionalInterface
    public interface SwitchListener {
        /**
         * The registrant moves from one registry to another. Called on the beating's beater thread.
         *
         * @param from  the registry left
         * @param to    the registry chosen (may equal {@code from} when it is the only one)
         * @param cause why: a {@link BeatFailedException}, or an
         *              {@link IllegalStateException} describing the rejection
         * @param wait  the backoff before the first beat to {@code to}
         */
        void switched(URI from, URI to, Throwable cause, Duration wait);
    }

    private final HeartBeater inner;
    private final Attempts attempts;
    private final SwitchListener listener;
    private final StayRegistered stay;
    private final Troubles troubles;
    private final KnownRegistries registries;
    private final Set<String> weakerAllowed;
    /** Where the last decision of any beating sent to, for {@link #currentTarget()}: a report, not state. */
    private volatile @Nullable URI lastTarget;

    private FailoverBeater(Builder builder) {
        this.inner = builder.inner;
        this.attempts = builder.recovery.attemptsOr(Attempts.of(Duration.ofSeconds(1), 1));
        this.listener = builder.listener;
        this.stay = new StayRegistered("FailoverBeater", builder.recovery);
        this.troubles = stay.troubles();
        this.registries = new KnownRegistries(builder.registries);
        this.weakerAllowed = Set.copyOf(builder.weakerAllowed);
        this.lastTarget = builder.registries.isEmpty() ? null : builder.registries.get(0);
    }

    /**
     * A builder for a failover around {@code inner} that starts from each beating's own target.
     *
     * @param inner decides the beats while a registry accepts
     * @return a new builder with the defaults
     */
    public static Builder builder(HeartBeater inner) {
        return new Builder(Checks.notNull(inner, "inner"));
    }

    /**
     * A builder for a failover around {@code inner} that knows {@code initial}'s registry from the
     * start.
     *
     * @param initial a request whose target is a known registry
     * @param inner   decides the beats while a registry accepts
     * @return a new builder that knows {@code initial}'s target
     */
    public static Builder builder(OutgoingRequest initial, HeartBeater inner) {
        Checks.notNull(initial, "initial");
        return builder(inner).registries(initial.target());
    }

    /**
     * The registry the latest decision of any of its beatings sent to: with one registrant, the
     * registry it beats now. Before any decision, the first configured registry.
     *
     * @return the registry; null before any decision when none was configured
     */
    public @Nullable URI currentTarget() {
        return lastTarget;
    }

    /**
     * The registries it knows now, configured and learned from responses
     *
     * @return an unmodifiable snapshot of the registries
     */
    public List<URI> knownRegistries() {
        return registries.all();
    }

    @Override
    public void beat(BeatAnswer answer) {
        OutgoingRequest current = answer.lastRequest();
        Response response = answer.response();
        registries.learn(current.target(), response.registry().candidates());
        if (response.reject()) {
            rejected(answer, current);
            return;
        }
        troubles.succeeded(answer);
        inner.beat(new Retargeted(answer, current.target(), this));
    }

    private void rejected(BeatAnswer answer, OutgoingRequest current) {
        RejectReason reason = answer.response().rejectReason();
        if (reason == RejectReason.NOT_REGISTERED || reason == RejectReason.DISCONNECTED) {
            Duration wait = troubles.notRegistered(answer);
            if (wait == null) {
                stay.giveUp(current, "rejected as " + reason);
            } else {
                lastTarget = current.target();
                answer.send(StayRegistered.fresh(current), attempts, wait);
            }
            return;
        }
        boolean forbidden = reason == RejectReason.FORBIDDEN;
        if (forbidden && stay.settings().onForbidden() == OnReject.STOP) {
            troubles.ended(answer);
            stay.stopOnForbidden(current, answer.response());
            return;
        }
        Duration wait = switchAway(
                answer,
                current,
                "registry " + current.target() + " rejected "
                        + current.request().registrant().id() + " (" + reason + ")",
                forbidden);
        if (forbidden && wait != null) {
            stay.warnForbidden(answer, current, answer.response(), wait); // at most once a minute
        }
    }

    /** Every attempt of a beat failed: moves on to the next registry after the backoff. */
    @Override
    public void beatFailed(BeatFailure failure) {
        switchAway(failure, failure.failure().request(), null, false);
    }

    /** Moves on after a failure or a rejection; returns the wait, or null when it gave up. */
    private @Nullable Duration switchAway(
            NextBeat beat, OutgoingRequest current, @Nullable String rejection, boolean forbidden) {
        Duration wait = forbidden ? troubles.forbidden(beat) : troubles.failed(beat);
        @Nullable
        String why =
                rejection != null ? rejection : ((BeatFailure) beat).failure().getMessage();
        if (wait == null) {
            stay.giveUp(current, why);
            return null;
        }
        URI from = current.target();
        List<URI> recentlyFailed = troubles.recentlyFailed(beat);
        recentlyFailed.remove(from);
        recentlyFailed.add(from);
        URI to = registries.choose(
                from,
                recentlyFailed,
                candidate -> !Schemes.weaker(candidate, from) || weakerAllowed.contains(Schemes.of(candidate)));
        if (!recentlyFailed.contains(to)) {
            wait = troubles.firstStep(); // a registry not tried in this trouble: no need to wait long
        }
        Throwable cause = rejection != null ? new IllegalStateException(rejection) : ((BeatFailure) beat).failure();
        listener.switched(from, to, cause, wait);
        lastTarget = to;
        beat.send(new OutgoingRequest(current.request().asBeat(), to), attempts, wait);
        return wait;
    }

    void sentTo(URI target) {
        lastTarget = target;
    }

    /** As the wrapped beater's: it never blocks when the wrapped one never does. */
    @Override
    public boolean neverBlocks() {
        return inner.neverBlocks();
    }

    /** The wrapped beater's. */
    @Override
    public AttemptPlan firstPlan(OutgoingRequest first) {
        return inner.firstPlan(first);
    }

    @Override
    public String toString() {
        return "FailoverBeater[" + knownRegistries() + " around " + inner + ", " + attempts + ", " + stay.settings()
                + "]";
    }

    /** Configures a {@link FailoverBeater}. Not thread-safe. */
    public static final class Builder {
        private final HeartBeater inner;
        private final List<URI> registries = new ArrayList<>();
        private final Set<String> weakerAllowed = new HashSet<>();
        private SwitchListener listener = (from, to, cause, wait) -> {};
        private Recovery recovery = Recovery.defaults();

        private Builder(HeartBeater inner) {
            this.inner = inner;
        }

        /**
         * Registries known from the start, tried in this order after those that never failed.
         *
         * @param uris registry addresses; no null element
         * @return this builder
         */
        public Builder registries(URI... uris) {
            for (URI uri : Checks.notNull(uris, "registries")) {
                registries.add(Checks.notNull(uri, "registry"));
            }
            return this;
        }

        /**
         * How it rides through trouble, and the attempts of the first beat to a new registry
         * (default at most 2 of 1 s); default {@link Recovery#defaults()}. With
         * {@link OnReject#REREGISTER} a forbidden rejection moves on as a failure does.
         *
         * @param recovery backoff, give-up, forbidden policy, attempts
         * @return this builder
         */
        public Builder recovery(Recovery recovery) {
            this.recovery = Checks.notNull(recovery, "recovery");
            return this;
        }

        /**
         * Allows moving from a registry reached over TLS ({@code tcps}, {@code etcds},
         * {@code eurekas}, {@code zks}, {@code https}) to a learned candidate of the plaintext {@code scheme},
         * which is refused by default: whoever reads that channel reads the registrant, and may
         * pose as the registry. Lease tokens never follow (the engine attaches a token only to the
         * registry that issued it). Registries configured with {@link #registries} are always used.
         *
         * @param scheme a plaintext scheme, for instance {@code "tcp"}; not blank
         * @return this builder
         */
        public Builder allowWeakerScheme(String scheme) {
            weakerAllowed.add(Checks.notBlank(scheme, "scheme").toLowerCase(java.util.Locale.ROOT));
            return this;
        }

        /**
         * Hears every switch.
         *
         * @param listener called on the beating's thread of the moment at every switch, so it must be quick
         * @return this builder
         */
        public Builder listener(SwitchListener listener) {
            this.listener = Checks.notNull(listener, "listener");
            return this;
        }

        /**
         * A new beater, which may drive any number of beatings.
         *
         * @return a new beater
         */
        public FailoverBeater build() {
            return new FailoverBeater(this);
        }
    }
}
