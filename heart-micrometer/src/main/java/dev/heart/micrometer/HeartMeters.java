package dev.heart.micrometer;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.engine.Beating;
import dev.heart.engine.Health;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Publishes what a {@link Heart} does to a Micrometer {@link MeterRegistry}.
 *
 * <p>A heart takes its listeners when it is built, so the meters come in two parts: this object
 * is a {@link HeartListener} (counters and the round-trip timer), and {@link #bind(Heart)} adds the
 * gauges, read from {@link Heart#stats()}. {@link #build(Heart.Builder, MeterRegistry)} does both in
 * one call:
 *
 * <pre>{@code
 * Heart heart = HeartMeters.build(Heart.builder(beater), registry);
 * }</pre>
 *
 * <p>The meters (names in Micrometer's dotted form; a Prometheus registry shows
 * {@code heart_beats_total}, {@code heart_round_trip_seconds_bucket}, ...):
 * <ul>
 *   <li>{@value #BEATS}: responses received (accepted or rejected);</li>
 *   <li>{@value #REJECTIONS}: rejections, tagged {@code reason} (the {@link dev.heart.api.RejectReason},
 *       lower case);</li>
 *   <li>{@value #FAILED_ATTEMPTS}: failed attempts, tagged {@code cause} (the simple class name of
 *       the cause, such as {@code AttemptTimeoutException});</li>
 *   <li>{@value #REGISTRATIONS}: beatings registered (health from unregistered to healthy) for
 *       the first time; {@value #REREGISTRATIONS}: registered again after a rejection or a lost
 *       lease;</li>
 *   <li>{@value #LATE_BEATS}: beats sent later than the heart's late-beat threshold;</li>
 *   <li>{@value #ROUND_TRIP}: a timer of round trips that publishes a percentile histogram, so
 *       percentiles can be computed across instances;</li>
 *   <li>{@value #BEATINGS} (tag {@code state}) and {@value #HEALTH} (tag {@code health}): gauges
 *       of the running beatings by {@link Beating.State} and by {@link Health}, lower case.</li>
 * </ul>
 * Counters and the timer are tagged {@code service} (the registrant's service type) and
 * {@code scheme} (the scheme of the beating's first target), never with the registrant by default
 * (one time series per registrant would overwhelm most metrics back ends); see
 * {@link Builder#registrantTag(boolean)}. The gauges carry only the common tags. Give hearts that
 * share a registry a distinguishing common tag ({@link Builder#tags}): a gauge already registered
 * under the same name and tags is not registered again.
 *
 * <p>The counters of {@link #BEATS}, {@link #REJECTIONS} and {@link #ROUND_TRIP} are fed by
 * {@link HeartListener#answered}. Thread-safe; one instance per heart.
 */
public final class HeartMeters implements HeartListener {
    /** Counter: responses received. */
    public static final String BEATS = "heart.beats";
    /** Counter: rejections, tagged {@code reason}. */
    public static final String REJECTIONS = "heart.rejections";
    /** Counter: failed attempts, tagged {@code cause}. */
    public static final String FAILED_ATTEMPTS = "heart.attempts.failed";
    /** Counter: first registrations. */
    public static final String REGISTRATIONS = "heart.registrations";
    /** Counter: registrations again. */
    public static final String REREGISTRATIONS = "heart.reregistrations";
    /** Counter: late beats. */
    public static final String LATE_BEATS = "heart.beats.late";
    /** Timer: round trips, with a percentile histogram. */
    public static final String ROUND_TRIP = "heart.round.trip";
    /** Gauge: running beatings, tagged {@code state}. */
    public static final String BEATINGS = "heart.beatings";
    /** Gauge: running beatings, tagged {@code health}. */
    public static final String HEALTH = "heart.beatings.health";

    private final MeterRegistry registry;
    private final Tags commonTags;
    private final boolean registrantTag;
    private final Duration statsCache;
    private final ConcurrentHashMap<Key, MeterSet> sets = new ConcurrentHashMap<>();
    /** Beatings registered at least once, by id; an entry leaves when its beating ends. */
    private final ConcurrentHashMap<Long, Boolean> registeredOnce = new ConcurrentHashMap<>();

    private volatile @Nullable HeartGauges gauges;

    private HeartMeters(Builder builder) {
        this.registry = builder.registry;
        this.commonTags = builder.tags;
        this.registrantTag = builder.registrantTag;
        this.statsCache = builder.statsCache;
    }

    /**
     * Builds {@code builder}'s heart with these meters on {@code registry}: adds the listener,
     * builds, and binds the gauges. The one call most users need.
     *
     * @param builder  the heart's builder, otherwise configured
     * @param registry where the meters go
     * @return the heart, built
     */
    public static Heart build(Heart.Builder builder, MeterRegistry registry) {
        Objects.requireNonNull(builder, "builder must not be null");
        HeartMeters meters = of(registry);
        return meters.bind(builder.listener(meters).build());
    }

    /**
     * Meters with default settings: no common tags, no registrant tag.
     *
     * @param registry where the meters go
     * @return the listener to give to {@link Heart.Builder#listener}, then {@link #bind} the heart
     */
    public static HeartMeters of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * A builder of meters on {@code registry}.
     *
     * @param registry where the meters go
     * @return the builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry must not be null"));
    }

    /**
     * Registers the gauges of {@code heart}'s running beatings. Call it once, with the heart this
     * listener was given to. The gauges hold the heart weakly: a collected heart's gauges read NaN.
     *
     * @param heart the heart built with this listener
     * @return {@code heart}, for chaining
     * @throws IllegalStateException when a heart is already bound
     */
    public Heart bind(Heart heart) {
        Objects.requireNonNull(heart, "heart must not be null");
        synchronized (this) {
            if (gauges != null) {
                throw new IllegalStateException("these HeartMeters are already bound to a heart; use one per heart");
            }
            gauges = new HeartGauges(heart, statsCache);
        }
        gauges.register(registry, commonTags);
        return heart;
    }

    @Override
    public void answered(Beating beating, Response response, Duration roundTrip, int retries) {
        meters(beating).answered(response.reject(), response.rejectReason(), roundTrip);
    }

    @Override
    public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
        meters(beating).attemptFailed(cause);
    }

    @Override
    public void healthChanged(Beating beating, Health previous, Health current) {
        boolean wasRegistered = previous == Health.HEALTHY || previous == Health.AT_RISK;
        if (current != Health.HEALTHY || wasRegistered) {
            return;
        }
        boolean again = registeredOnce.putIfAbsent(beating.id(), Boolean.TRUE) != null;
        if (!again) {
            long id = beating.id();
            beating.completion().whenComplete((ignored, error) -> registeredOnce.remove(id));
        }
        meters(beating).registered(again);
    }

    @Override
    public void lateBeat(Beating beating, Duration lateness) {
        meters(beating).lateBeat();
    }

    private MeterSet meters(Beating beating) {
        OutgoingRequest first = beating.initialRequest();
        Key key = new Key(
                first.request().registrant().serviceType(),
                first.target().getScheme(),
                registrantTag ? first.request().registrant().id() : null);
        MeterSet set = sets.get(key);
        return set != null ? set : sets.computeIfAbsent(key, this::newSet);
    }

    private MeterSet newSet(Key key) {
        Tags tags = commonTags.and("service", key.service()).and("scheme", key.scheme());
        if (key.registrant() != null) {
            tags = tags.and("registrant", key.registrant());
        }
        return new MeterSet(registry, tags);
    }

    private record Key(
            String service, String scheme, @Nullable String registrant) {}

    /** Configures {@link HeartMeters}. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private Tags tags = Tags.empty();
        private boolean registrantTag;
        private Duration statsCache = Duration.ofSeconds(1);

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * Tags on every meter, for instance the name of the heart when several share a registry.
         *
         * @param commonTags the tags
         * @return this builder
         */
        public Builder tags(Iterable<Tag> commonTags) {
            this.tags = Tags.of(Objects.requireNonNull(commonTags, "tags must not be null"));
            return this;
        }

        /**
         * Whether counters and the timer also carry a {@code registrant} tag (the registrant's id).
         * Off by default: it makes one time series per registrant, which only suits a handful.
         *
         * @param on true to add the tag
         * @return this builder
         */
        public Builder registrantTag(boolean on) {
            this.registrantTag = on;
            return this;
        }

        /**
         * How long one {@link Heart#stats()} snapshot serves the gauges, so that reading every
         * gauge walks the running beatings once. Default: 1 second.
         *
         * @param cacheFor zero or positive; zero takes a snapshot per gauge read
         * @return this builder
         */
        public Builder statsCache(Duration cacheFor) {
            Objects.requireNonNull(cacheFor, "statsCache must not be null");
            if (cacheFor.isNegative()) {
                throw new IllegalArgumentException("statsCache must not be negative, was " + cacheFor);
            }
            this.statsCache = cacheFor;
            return this;
        }

        /**
         * The meters; give them to {@link Heart.Builder#listener}, then {@link HeartMeters#bind}.
         *
         * @return the new meters
         */
        public HeartMeters build() {
            return new HeartMeters(this);
        }
    }
}
