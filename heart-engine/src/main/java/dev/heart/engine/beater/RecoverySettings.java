package dev.heart.engine.beater;

import dev.heart.engine.internal.Checks;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The recovery settings every ready-made beater's builder carries, checked together when the
 * beater is built.
 *
 * @param initial     the ceiling of the first wait after a failure; positive
 * @param cap         the largest ceiling of any wait; not below {@code initial}
 * @param giveUpAfter how long failures may go on before the beating ends; null for ever
 * @param clock       monotonic nanoseconds, for {@code giveUpAfter}
 * @param random      the jitter's source; null for the calling thread's
 */
record RecoverySettings(Duration initial, Duration cap, Duration giveUpAfter, LongSupplier clock,
                        RandomGenerator random) {
    /** The default ceiling of the first wait: well under any lease. */
    static final Duration INITIAL = Duration.ofMillis(100);
    /** The default cap of every wait. */
    static final Duration CAP = Duration.ofSeconds(2);

    static RecoverySettings defaults() {
        return new RecoverySettings(INITIAL, CAP, null, System::nanoTime, null);
    }

    /** Checks the settings as a whole, for {@code beater}'s build(). */
    RecoverySettings validated(String beater) {
        if (cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException(beater + ": backoff cap " + cap + " must not be less than its initial wait "
                    + initial);
        }
        return this;
    }

    RecoverySettings withBackoff(Duration newInitial, Duration newCap) {
        Checks.positive(newInitial, "initialBackoff");
        Checks.positive(newCap, "backoffCap");
        if (newCap.compareTo(newInitial) < 0) {
            throw new IllegalArgumentException("backoffCap " + newCap + " must not be less than initialBackoff "
                    + newInitial);
        }
        return new RecoverySettings(newInitial, newCap, giveUpAfter, clock, random);
    }

    RecoverySettings withGiveUpAfter(Duration limit) {
        return new RecoverySettings(initial, cap, Checks.positive(limit, "giveUpAfter"), clock, random);
    }

    RecoverySettings withClock(LongSupplier nanoTime) {
        return new RecoverySettings(initial, cap, giveUpAfter, Checks.notNull(nanoTime, "clock"), random);
    }

    RecoverySettings withRandom(RandomGenerator source) {
        return new RecoverySettings(initial, cap, giveUpAfter, clock, Checks.notNull(source, "random"));
    }

    String describe() {
        return "backoff up to " + cap + (giveUpAfter == null ? ", for ever" : ", giving up after " + giveUpAfter);
    }
}
