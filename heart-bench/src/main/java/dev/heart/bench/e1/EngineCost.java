package dev.heart.bench.e1;

import dev.heart.bench.Figure;
import dev.heart.bench.JmhRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link EngineCostBenchmark} with JMH and prints
 * {@code E1 engine_ns=<n> bare_ns=<n> ratio=<r>}: the median per-beat times of the engine and of
 * the bare loop, and their ratio. Targets: ratio <= 5 and engine <= 1000 ns per beat.
 */
public final class EngineCost implements Figure {
    static final double TARGET_RATIO = 1.5;
    static final double TARGET_ENGINE_NS = 1000.0;

    @Override
    public String id() {
        return "E1";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        Map<String, JmhRun.Score> scores = JmhRun.run(id(), EngineCostBenchmark.class, quick, args);
        JmhRun.Score engine = JmhRun.require(scores, "engine");
        JmhRun.Score bare = JmhRun.require(scores, "bare");
        double ratio = engine.median() / bare.median();
        System.out.printf(
                Locale.ROOT,
                "E1 target ratio<=%.1f (stats, lease health, JFR profile recording on): %s; engine<=%.0f ns/beat: %s%n",
                TARGET_RATIO,
                ratio <= TARGET_RATIO ? "met" : "MISSED",
                TARGET_ENGINE_NS,
                engine.median() <= TARGET_ENGINE_NS ? "met" : "MISSED");
        System.out.printf(
                Locale.ROOT,
                "E1 engine_ns=%d bare_ns=%d ratio=%.2f%n",
                Math.round(engine.median()),
                Math.round(bare.median()),
                ratio);
        return 0;
    }
}
