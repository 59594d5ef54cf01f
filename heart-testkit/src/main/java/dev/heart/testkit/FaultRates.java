package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.Random;

/**
 * Per-request probabilities of faults, drawn from a plan's seeded random source once its script
 * is used up. The probabilities add up to at most 1; the rest is {@link Fault#none()}.
 *
 * @param drop      probability of {@link Fault#drop()}
 * @param error     probability of {@link Fault#transportError()}
 * @param reject    probability of {@link Fault#reject()}
 * @param crash     probability of {@link Fault#crashRestart()}
 * @param delay     probability of a {@link Fault#delay} of up to {@code maxDelay}
 * @param maxDelay  the largest random delay, and the largest extra latency of a slowdown; positive
 * @param partition probability of a {@link Fault#partition} lasting up to {@code maxPeriod}
 * @param slowdown  probability of a {@link Fault#slowdown} lasting up to {@code maxPeriod}
 * @param pause     probability of a {@link Fault#pause} of the registrant of up to {@code maxPeriod}
 * @param maxPeriod the longest random partition, slowdown or pause; positive
 */
public record FaultRates(
        double drop,
        double error,
        double reject,
        double crash,
        double delay,
        Duration maxDelay,
        double partition,
        double slowdown,
        double pause,
        Duration maxPeriod) {

    /**
     * Validates.
     *
     * @param drop probability of {@link Fault#drop()}
     * @param error probability of {@link Fault#transportError()}
     * @param reject probability of {@link Fault#reject()}
     * @param crash probability of {@link Fault#crashRestart()}
     * @param delay probability of a {@link Fault#delay} of up to {@code maxDelay}
     * @param maxDelay the largest random delay, and the largest extra latency of a slowdown; positive
     * @param partition probability of a {@link Fault#partition} lasting up to {@code maxPeriod}
     * @param slowdown probability of a {@link Fault#slowdown} lasting up to {@code maxPeriod}
     * @param pause probability of a {@link Fault#pause} of the registrant of up to {@code maxPeriod}
     * @param maxPeriod the longest random partition, slowdown or pause; positive
     */
    public FaultRates {
        double sum = 0;
        for (double p : new double[] {drop, error, reject, crash, delay, partition, slowdown, pause}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("each probability must be within [0, 1], was " + p);
            }
            sum += p;
        }
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("probabilities must add up to at most 1, was " + sum);
        }
        Checks.positive(maxDelay, "maxDelay");
        Checks.positive(maxPeriod, "maxPeriod");
    }

    /**
     * Rates of the per-request faults only: no random partition, slowdown or pause.
     *
     * @param drop probability of {@link Fault#drop()}
     * @param error probability of {@link Fault#transportError()}
     * @param reject probability of {@link Fault#reject()}
     * @param crash probability of {@link Fault#crashRestart()}
     * @param delay probability of a {@link Fault#delay} of up to {@code maxDelay}
     * @param maxDelay the largest random delay; positive
     * @throws IllegalArgumentException when a probability is outside [0, 1], they add up to more than 1, or {@code maxDelay} is not positive
     */
    public FaultRates(double drop, double error, double reject, double crash, double delay, Duration maxDelay) {
        this(drop, error, reject, crash, delay, maxDelay, 0, 0, 0, maxDelay);
    }

    /**
     * No random fault.
     *
     * @return rates that are all zero
     */
    public static FaultRates none() {
        return new FaultRates(0, 0, 0, 0, 0, Duration.ofSeconds(1));
    }

    /**
     * Whether no random fault can happen.
     *
     * @return true when every probability is zero
     */
    public boolean isNone() {
        return drop + error + reject + crash + delay + partition + slowdown + pause == 0;
    }

    /** Draws the fault of one request from {@code random}. */
    Fault draw(Random random) {
        if (isNone()) {
            return Fault.none();
        }
        double x = random.nextDouble();
        if ((x -= drop) < 0) {
            return Fault.drop();
        }
        if ((x -= error) < 0) {
            return Fault.transportError();
        }
        if ((x -= reject) < 0) {
            return Fault.reject();
        }
        if ((x -= crash) < 0) {
            return Fault.crashRestart();
        }
        if ((x -= delay) < 0) {
            return Fault.delay(upTo(random, maxDelay));
        }
        if ((x -= partition) < 0) {
            return Fault.partition(upTo(random, maxPeriod));
        }
        if ((x -= slowdown) < 0) {
            return Fault.slowdown(upTo(random, maxDelay), upTo(random, maxPeriod));
        }
        if (x - pause < 0) {
            return Fault.pause(upTo(random, maxPeriod));
        }
        return Fault.none();
    }

    private static Duration upTo(Random random, Duration max) {
        return Duration.ofMillis(1 + random.nextInt((int) Math.max(1, Math.min(Integer.MAX_VALUE, max.toMillis()))));
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return "drop " + drop + ", error " + error + ", reject " + reject + ", crash " + crash + ", delay " + delay
                + " (<= " + maxDelay + ")"
                + (partition + slowdown + pause == 0
                        ? ""
                        : ", partition " + partition + ", slowdown " + slowdown + ", pause " + pause + " (<= "
                                + maxPeriod + ")");
    }
}
