package dev.heart.bench.e1;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * E1: the engine's cost per beat. {@link #engine()} runs one beating of {@value #BEATS} beats
 * through a heart against a transport that answers at once; {@link #bare()}, the baseline, makes
 * the same beats with the same transport and beater and no engine. Scores are per beat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(EngineCostBenchmark.BEATS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class EngineCostBenchmark {
    /** Beats per invocation; the score is divided by it. */
    public static final int BEATS = 1000;

    private BeatLoop loop;

    /** Opens the loop (and its heart) once per fork. */
    @Setup(Level.Trial)
    public void open() {
        loop = BeatLoop.open(BEATS);
    }

    /** Closes the heart. */
    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }

    /** One beating of {@value #BEATS} beats through the engine. */
    @Benchmark
    public int engine() throws InterruptedException {
        return checked(loop.engine());
    }

    /** Baseline: the same beats in a bare loop, no engine. */
    @Benchmark
    public int bare() {
        return checked(loop.bare());
    }

    private static int checked(int beats) {
        if (beats != BEATS) {
            throw new IllegalStateException("expected " + BEATS + " beats, the beater saw " + beats);
        }
        return beats;
    }
}
