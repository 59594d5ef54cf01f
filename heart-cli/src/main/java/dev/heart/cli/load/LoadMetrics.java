package dev.heart.cli.load;

import dev.heart.engine.Beating;
import dev.heart.engine.HeartStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a load run counts beyond the heart's own {@link HeartStats}: retransmissions that were
 * answered (fed by {@link MeasuringBeater}) and beatings that ended. Lock-free.
 */
final class LoadMetrics {
    private final AtomicInteger ended = new AtomicInteger();
    private final LongAdder retried = new LongAdder();

    void exchanged(int retryN) {
        retried.add(retryN);
    }

    void beatingEnded() {
        ended.incrementAndGet();
    }

    LoadSnapshot snapshot(int hearts, Duration elapsed, HeartStats stats) {
        int established = stats.byState().getOrDefault(Beating.State.ESTABLISHED, 0);
        return new LoadSnapshot(
                hearts,
                established,
                ended.get(),
                elapsed,
                stats.beats(),
                stats.rejections(),
                retried.sum(),
                stats.failedAttempts(),
                stats.failedBeats(),
                stats.failuresByCause(),
                stats.roundTrip());
    }
}
