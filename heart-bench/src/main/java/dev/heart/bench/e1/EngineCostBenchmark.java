package dev.heart.bench.e1;

import java.io.IOException;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * E1: the engine's cost per beat. {@link #engine()} runs one beating of {@value #BEATS} beats
 * through a heart against a transport that answers at once; {@link #bare()}, the baseline, makes
 * the same beats with the same transport and beater and no engine. Scores are per beat.
 *
 * <p>Everything a user may leave on is on: stats and lease health (always kept), and a JFR
 * recording with the JDK's {@code profile} settings (the README's way to record), in memory,
 * which enables the heart's events, {@code dev.heart.Beat} on every beat among them. Both methods
 * run under the same recording. {@code -p jfr=none} (JMH's option) measures without it.
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

    /** The JFR settings of the recording running during the trial ({@code default}, {@code profile}), or {@code none}. */
    @Param({"profile"})
    public String jfr = "profile";

    private BeatLoop loop;
    private @Nullable Recording recording;

    /** Starts the JFR recording and opens the loop (and its heart) once per fork. */
    @Setup(Level.Trial)
    public void open() throws IOException, ParseException {
        if (!"none".equals(jfr)) {
            Recording started = new Recording(Configuration.getConfiguration(jfr));
            started.setToDisk(false);
            started.setName("e1-" + jfr);
            started.start();
            recording = started;
        }
        loop = BeatLoop.open(BEATS);
    }

    /** Closes the heart, then the recording. */
    @TearDown(Level.Trial)
    public void close() {
        loop.close();
        Recording started = recording;
        if (started != null) {
            started.close();
        }
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
