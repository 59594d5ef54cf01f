package dev.heart.testkit;

import dev.heart.api.Checks;
import java.time.Duration;
import java.util.Random;

/**
 * Per-request probabilities of faults, drawn from a plan's seeded random source once its script
 * is used up. The probabilities add up to at most 1; the rest is {@link Fault#none()}.
 *
 * @param drop     probability of {@link Fault#drop()}
 * @param error    probability of {@link Fault#transportError()}
 * @param reject   probability of {@link Fault#reject()}
 * @param crash    probability of {@link Fault#crashRestart()}
 * @param delay    probability of a {@link Fault#delay} of up to {@code maxDelay}
 * @param maxDelay the largest random delay; positive
 */
public record FaultRates(double drop, double error, double reject, double crash, double delay, Duration maxDelay) {

    /** Validates. */
    public FaultRates {
        double sum = 0;
        for (double p : new double[] {drop, error, reject, crash, delay}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("each probability must be within [0, 1], was " + p);
            }
            sum += p;
        }
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("probabilities must add up to at most 1, was " + sum);
        }
        Checks.positive(maxDelay, "maxDelay");
    }

    /** No random fault. */
    public static FaultRates none() {
        return new FaultRates(0, 0, 0, 0, 0, Duration.ofSeconds(1));
    }

    /** Whether no random fault can happen. */
    public boolean isNone() {
        return drop + error + reject + crash + delay == 0;
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
        if (x - delay < 0) {
            return Fault.delay(Duration.ofMillis(1 + random.nextInt((int) Math.max(1, maxDelay.toMillis()))));
        }
        return Fault.none();
    }

    @Override
    public String toString() {
        return isNone() ? "none" : "drop " + drop + ", error " + error + ", reject " + reject + ", crash " + crash
                + ", delay " + delay + " (<= " + maxDelay + ")";
    }
}
