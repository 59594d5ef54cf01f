package dev.heart.engine.beater;

import dev.heart.api.BeatingContext;
import dev.heart.api.NextBeat;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a ready-made beater remembers about a beating in trouble, and the waits that follow from
 * it ({@link Recovery}). The state lives in the beating's {@link BeatingContext} under a key of
 * this instance: made at the first failure, removed by the next accepted response, dropped with the
 * beating. Nothing is stored while all goes well.
 *
 * <p>Thread-safe: it keeps no per-beating state of its own.
 */
final class Troubles {
    /** What one beating in trouble remembers. */
    static final class Trouble {
        final long since;
        int failures;
        int notRegistered;
        final List<URI> recentlyFailed = new ArrayList<>(2);

        Trouble(long now) {
            this.since = now;
        }
    }

    private final Recovery settings;
    private final Jitter jitter;
    private final BeatingContext.Key<Trouble> key;

    Troubles(String owner, Recovery settings) {
        this.settings = settings;
        this.jitter = new Jitter(settings.random());
        this.key = BeatingContext.Key.named(owner + ".trouble");
    }

    Recovery settings() {
        return settings;
    }

    Jitter jitter() {
        return jitter;
    }

    private Trouble trouble(NextBeat beat) {
        Trouble trouble = beat.context().get(key);
        if (trouble == null) {
            trouble = new Trouble(beat.nanoTime());
            beat.context().put(key, trouble);
        }
        return trouble;
    }

    /**
     * A beat failed, or the registry rejected it with a reason worth retrying.
     *
     * @return the wait before trying again, uniform in {@code [0, min(cap, initial * 2^(n-1)))}
     *         for the n-th failure in a row; null when the limit is reached (the state is then
     *         forgotten)
     */
    @Nullable
    Duration failed(NextBeat beat) {
        return failed(beat, settings.backoffCap());
    }

    /** A forbidden rejection, kept trying: as {@link #failed} with the longer cap. */
    @Nullable
    Duration forbidden(NextBeat beat) {
        return failed(beat, settings.forbiddenBackoffCap());
    }

    private @Nullable Duration failed(NextBeat beat, Duration cap) {
        Trouble trouble = trouble(beat);
        trouble.failures++;
        trouble.notRegistered = 0;
        Duration limit = settings.giveUpAfter().orElse(null);
        if (limit != null && beat.nanoTime() - trouble.since >= limit.toNanos()) {
            beat.context().remove(key);
            return null;
        }
        return wait(trouble.failures, cap);
    }

    /**
     * The registry does not know the registrant (any more).
     *
     * @return zero (register again at once) the first time in a row; a backoff when the new
     *         registration was refused the same way again; null when the limit is reached
     */
    @Nullable
    Duration notRegistered(NextBeat beat) {
        Trouble trouble = trouble(beat);
        if (trouble.notRegistered++ == 0) {
            return Duration.ZERO;
        }
        int repeat = trouble.notRegistered;
        Duration wait = failed(beat);
        trouble.notRegistered = repeat;
        return wait;
    }

    /** A wait as after a first failure: uniform within {@code [0, initial)}. */
    Duration firstStep() {
        return jitter.below(settings.initialBackoff());
    }

    /** How many failures in a row the beating has had; zero when it is not in trouble. */
    int failures(NextBeat beat) {
        Trouble trouble = beat.context().get(key);
        return trouble == null ? 0 : trouble.failures;
    }

    /**
     * The registries that failed this beating in its trouble, least recent first, for a failover
     * to avoid; a live list of the beating's state.
     */
    List<URI> recentlyFailed(NextBeat beat) {
        return trouble(beat).recentlyFailed;
    }

    /** The registry accepted: the trouble is over. Free when the beating was not in trouble. */
    void succeeded(NextBeat beat) {
        beat.context().remove(key);
    }

    /** The beating ends on its own (stop, give up): forget its trouble. */
    void ended(NextBeat beat) {
        beat.context().remove(key);
    }

    private Duration wait(int failures, Duration capDuration) {
        long cap = capDuration.toNanos();
        long initial = settings.initialBackoff().toNanos();
        int shift = Math.min(failures - 1, 62);
        long ceiling = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
        return jitter.below(Duration.ofNanos(ceiling));
    }
}
