package dev.heart.engine.beater;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How a ready-made beater rides through failures, and what it remembers per registrant while it
 * does: capped exponential backoff with full jitter, "not registered" answered at once, an
 * optional limit.
 *
 * <p>State is kept per {@link Key} (registrant and, unless failing over, target) and only while
 * that registrant is in trouble: an accepted beat, giving up or stopping removes it. An entry whose
 * beating was stopped by the application in the middle of its trouble is never touched again; it
 * is swept once it has been idle for {@code staleAfter}, much longer than any live beating waits
 * between two calls, so nothing is kept per ended beating.
 *
 * <p>Thread-safe: calls for different keys may run concurrently; calls for one key come from one
 * beating, one at a time.
 */
final class Recovery {
    /** Who the state belongs to: a registrant id and the registry it beats (null when failing over). */
    record Key(String registrant, URI target) {
    }

    /** What one registrant in trouble remembers. */
    private static final class Trouble {
        final long since;
        volatile long touched;
        int failures;
        int notRegistered;
        boolean forbiddenLogged;
        final List<URI> recentlyFailed = new ArrayList<>(2);

        Trouble(long now) {
            this.since = now;
            this.touched = now;
        }
    }

    private final RecoverySettings settings;
    private final Jitter jitter;
    private final LongSupplier clock;
    private final long staleAfterNanos;
    private final ConcurrentHashMap<Key, Trouble> troubles = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    /**
     * @param settings       the backoff, limit, clock and random source
     * @param longestBetween the longest a live beating in trouble can take between two calls
     *                       besides the backoff (its attempts, all timed out)
     */
    Recovery(RecoverySettings settings, Duration longestBetween) {
        this.settings = settings;
        this.jitter = new Jitter(settings.random());
        this.clock = settings.clock();
        Duration between = settings.cap().plus(longestBetween);
        Duration stale = between.multipliedBy(20);
        this.staleAfterNanos = Math.max(Duration.ofMinutes(5).toNanos(), stale.toNanos());
        this.lastSweep = new AtomicLong(clock.getAsLong());
    }

    /** The settings. */
    RecoverySettings settings() {
        return settings;
    }

    /**
     * A beat failed, or the registry rejected it with a reason worth retrying.
     *
     * @return the wait before trying again: uniform in {@code [0, min(cap, initial * 2^(n-1)))}
     *         for the n-th consecutive failure; or null when the limit is reached (the state is
     *         then forgotten)
     */
    Duration failed(Key key) {
        long now = clock.getAsLong();
        sweep(now);
        Trouble trouble = troubles.computeIfAbsent(key, k -> new Trouble(now));
        trouble.touched = now;
        trouble.failures++;
        trouble.notRegistered = 0;
        Duration limit = settings.giveUpAfter();
        if (limit != null && now - trouble.since >= limit.toNanos()) {
            troubles.remove(key);
            return null;
        }
        return wait(trouble.failures);
    }

    /**
     * The registry does not know the registrant (any more).
     *
     * @return zero (register again at once) the first time in a row; a backoff when the new
     *         registration was refused the same way again; null when the limit is reached
     */
    Duration notRegistered(Key key) {
        long now = clock.getAsLong();
        Trouble trouble = troubles.computeIfAbsent(key, k -> new Trouble(now));
        trouble.touched = now;
        if (trouble.notRegistered++ == 0) {
            return Duration.ZERO;
        }
        int repeat = trouble.notRegistered;
        Duration wait = failed(key);
        trouble.notRegistered = repeat;
        return wait;
    }

    /** True the first time a registrant is refused for good, so that it is logged once. */
    boolean firstForbidden(Key key) {
        long now = clock.getAsLong();
        Trouble trouble = troubles.computeIfAbsent(key, k -> new Trouble(now));
        trouble.touched = now;
        boolean first = !trouble.forbiddenLogged;
        trouble.forbiddenLogged = true;
        return first;
    }

    /** A wait as after a first failure: uniform within {@code [0, initial)}. */
    Duration firstStep() {
        return jitter.below(settings.initial());
    }

    /** How many failures in a row the registrant has had; zero when it is not in trouble. */
    int failures(Key key) {
        Trouble trouble = troubles.get(key);
        return trouble == null ? 0 : trouble.failures;
    }

    /**
     * The registries that failed this registrant, least recent first, for a failover to avoid;
     * a live list owned by the registrant's beating, empty when it is not in trouble.
     */
    List<URI> recentlyFailed(Key key) {
        Trouble trouble = troubles.get(key);
        return trouble == null ? new ArrayList<>(0) : trouble.recentlyFailed;
    }

    /** The registry accepted: the trouble is over. Cheap when nobody is in trouble. */
    void succeeded(Key key) {
        if (!troubles.isEmpty()) {
            troubles.remove(key);
        }
    }

    /** The beating ends: forget the registrant. */
    void ended(Key key) {
        troubles.remove(key);
    }

    /** How many registrants are remembered now (for tests). */
    int remembered() {
        return troubles.size();
    }

    private Duration wait(int failures) {
        long cap = settings.cap().toNanos();
        long initial = settings.initial().toNanos();
        int shift = Math.min(failures - 1, 62);
        long ceiling = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
        return jitter.below(Duration.ofNanos(ceiling));
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < staleAfterNanos / 4 || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        troubles.values().removeIf(trouble -> now - trouble.touched > staleAfterNanos);
    }
}
