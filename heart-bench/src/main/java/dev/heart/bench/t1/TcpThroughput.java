package dev.heart.bench.t1;

import dev.heart.bench.Figure;
import dev.heart.bench.JmhRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link TcpThroughputBenchmark} with JMH and prints
 * {@code T1 heart_beats_per_s=<n> raw_per_s=<n> ratio=<r>}: the median throughputs of the hearts
 * and of the raw pair, and heart/raw. Target: ratio >= 0.5.
 */
public final class TcpThroughput implements Figure {
    static final double TARGET_RATIO = 0.5;

    @Override
    public String id() {
        return "T1";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        Map<String, JmhRun.Score> scores = JmhRun.run(id(), TcpThroughputBenchmark.class, quick, args);
        JmhRun.Score heart = JmhRun.require(scores, "heart");
        JmhRun.Score raw = JmhRun.require(scores, "raw");
        double ratio = heart.median() / raw.median();
        System.out.printf(Locale.ROOT, "T1 target ratio>=%.1f: %s%n", TARGET_RATIO,
                ratio >= TARGET_RATIO ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "T1 heart_beats_per_s=%d raw_per_s=%d ratio=%.2f%n",
                Math.round(heart.median()), Math.round(raw.median()), ratio);
        return 0;
    }
}
