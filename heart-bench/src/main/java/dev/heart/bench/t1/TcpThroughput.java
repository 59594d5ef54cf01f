package dev.heart.bench.t1;

import dev.heart.bench.Figure;
import dev.heart.bench.JmhRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link TcpThroughputBenchmark} with JMH and prints
 * {@code T1 heart_beats_per_s=<n> client_per_s=<n> ratio=<r>}: the median throughputs of the
 * hearts and of the minimal codec client ({@link CodecClient}) against the same server, and
 * heart/client. Target: ratio >= 0.5.
 */
public final class TcpThroughput implements Figure {
    static final double TARGET_RATIO = 0.5;

    @Override
    public String id() {
        return "T1";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        Map<String, JmhRun.Score> scores =
                JmhRun.run(id(), TcpThroughputBenchmark.class, List.of("heart", "client"), quick, args);
        JmhRun.Score heart = JmhRun.require(scores, "heart");
        JmhRun.Score client = JmhRun.require(scores, "client");
        double ratio = heart.median() / client.median();
        System.out.printf(
                Locale.ROOT, "T1 target ratio>=%.1f: %s%n", TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "MISSED");
        System.out.printf(
                Locale.ROOT,
                "T1 heart_beats_per_s=%d client_per_s=%d ratio=%.2f%n",
                Math.round(heart.median()),
                Math.round(client.median()),
                ratio);
        return 0;
    }
}
