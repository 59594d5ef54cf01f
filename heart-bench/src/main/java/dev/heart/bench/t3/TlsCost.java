package dev.heart.bench.t3;

import dev.heart.bench.Figure;
import dev.heart.bench.JmhRun;
import dev.heart.bench.t1.TcpThroughputBenchmark;
import dev.heart.bench.t2.TcpLatencyBenchmark;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the plaintext and TLS methods of {@link TcpThroughputBenchmark} and
 * {@link TcpLatencyBenchmark} with JMH and prints
 * {@code T3 tls_beats_per_s=<n> plain_beats_per_s=<n> throughput_ratio=<r> tls_p50_us=<n>
 * plain_p50_us=<n> latency_ratio=<r>}. Targets: throughput TLS/plain >= 0.7, p50 TLS/plain <= 1.3.
 */
public final class TlsCost implements Figure {
    static final double THROUGHPUT_TARGET = 0.7;
    static final double LATENCY_TARGET = 1.3;

    @Override
    public String id() {
        return "T3";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        Map<String, JmhRun.Score> throughput =
                JmhRun.run(id(), TcpThroughputBenchmark.class, List.of("heart", "heartTls"), quick, args);
        Map<String, JmhRun.Score> latency =
                JmhRun.run(id(), TcpLatencyBenchmark.class, List.of("heart", "heartTls"), quick, args);
        double plainBeats = JmhRun.require(throughput, "heart").median();
        double tlsBeats = JmhRun.require(throughput, "heartTls").median();
        double plainP50 = JmhRun.require(latency, "heart").median();
        double tlsP50 = JmhRun.require(latency, "heartTls").median();
        double throughputRatio = tlsBeats / plainBeats;
        double latencyRatio = tlsP50 / plainP50;
        System.out.printf(
                Locale.ROOT,
                "T3 target throughput TLS/plain>=%.1f: %s; p50 TLS/plain<=%.1f: %s%n",
                THROUGHPUT_TARGET,
                throughputRatio >= THROUGHPUT_TARGET ? "met" : "MISSED",
                LATENCY_TARGET,
                latencyRatio <= LATENCY_TARGET ? "met" : "MISSED");
        System.out.printf(
                Locale.ROOT,
                "T3 tls_beats_per_s=%d plain_beats_per_s=%d throughput_ratio=%.2f"
                        + " tls_p50_us=%.1f plain_p50_us=%.1f latency_ratio=%.2f%n",
                Math.round(tlsBeats),
                Math.round(plainBeats),
                throughputRatio,
                tlsP50,
                plainP50,
                latencyRatio);
        return 0;
    }
}
