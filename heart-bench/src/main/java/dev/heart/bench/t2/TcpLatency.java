package dev.heart.bench.t2;

import dev.heart.bench.Figure;
import dev.heart.bench.JmhRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link TcpLatencyBenchmark} with JMH and prints
 * {@code T2 heart_p50_us=<n> raw_p50_us=<n> ratio=<r>}: the p50 of one beat of one heart, of one
 * raw ping-pong, and heart/raw. Target: ratio <= 1.0.
 */
public final class TcpLatency implements Figure {
    static final double TARGET_RATIO = 1.0;

    @Override
    public String id() {
        return "T2";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        Map<String, JmhRun.Score> scores =
                JmhRun.run(id(), TcpLatencyBenchmark.class, List.of("heart", "heartKeepsBeating", "raw"), quick, args);
        JmhRun.Score heart = JmhRun.require(scores, "heart");
        JmhRun.Score raw = JmhRun.require(scores, "raw");
        JmhRun.Score keeps = JmhRun.require(scores, "heartKeepsBeating");
        double ratio = heart.median() / raw.median();
        System.out.printf(
                Locale.ROOT,
                "T2 context: a beating that keeps beating, p50 of %d-beat averages: %.1f us/beat"
                        + " (ratio to raw %.2f)%n",
                TcpLatencyBenchmark.RUN,
                keeps.median(),
                keeps.median() / raw.median());
        System.out.printf(
                Locale.ROOT, "T2 target p50 ratio<=%.1f: %s%n", TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "MISSED");
        System.out.printf(
                Locale.ROOT, "T2 heart_p50_us=%.1f raw_p50_us=%.1f ratio=%.2f%n", heart.median(), raw.median(), ratio);
        return 0;
    }
}
