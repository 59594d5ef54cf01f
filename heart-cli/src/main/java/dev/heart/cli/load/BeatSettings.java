package dev.heart.cli.load;

import dev.heart.api.Attempts;
import dev.heart.engine.RetryBackoff;
import dev.heart.engine.beater.Recovery;
import java.time.Duration;

/** How the command line's hearts send: attempt bounds and the retry backoff that rides through a restart. */
public final class BeatSettings {
    /** The bound of each attempt. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    /** Retransmissions per beat. */
    public static final int RETRIES = 3;
    /** How the ready-made beaters try each beat ({@link #ATTEMPT_TIMEOUT}, {@link #RETRIES}) and ride through trouble. */
    public static final Recovery RECOVERY =
            Recovery.builder().attempts(Attempts.of(ATTEMPT_TIMEOUT, RETRIES)).build();
    /** The wait before retransmissions: 100, 200, 400 ms, each +/- 50%. */
    public static final RetryBackoff BACKOFF =
            RetryBackoff.exponential(Duration.ofMillis(100), Duration.ofMillis(400), 0.5);
    /** Kept free before a lease's deadline: the worst total of {@link #BACKOFF} and 100 ms. */
    public static final Duration LEASE_MARGIN = Duration.ofMillis(1_200);
    /** The jitter of fixed-rate beats, a fraction of the interval. */
    public static final double JITTER = 0.2;

    private BeatSettings() {}
}
