package dev.heart.bench.t1;

import dev.heart.bench.tcp.Frames;
import dev.heart.bench.tcp.TrivialRegistry;
import java.net.URI;
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
 * T1: TCP throughput on loopback. Both sides run in the background for the whole fork with
 * {@value #IN_FLIGHT} exchanges in flight on one connection; each invocation waits (parked, 1 ms
 * between looks) until {@value #BATCH} more exchanges have completed, so the score is exchanges
 * per second. {@link #heart} is the real engine and transport; {@link #raw}, the baseline, is a
 * hand-written pipelined NIO pair moving frames of the same size.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TcpThroughputBenchmark.BATCH)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class TcpThroughputBenchmark {
    /** Hearts, and raw requests in flight. */
    public static final int IN_FLIGHT = 10_000;
    /** Exchanges per invocation. */
    public static final int BATCH = 20_000;

    /** The heart side: 10,000 beatings on one heart, one connection, a real registry server. */
    @State(Scope.Benchmark)
    public static class Hearts {
        HeartThroughput run;

        /** Starts the server, the transport and the beatings. */
        @Setup(Level.Trial)
        public void start() {
            run = HeartThroughput.start(IN_FLIGHT);
        }

        /** Stops everything started. */
        @TearDown(Level.Trial)
        public void stop() {
            run.close();
        }
    }

    /** The raw side: the pipelined NIO pair. */
    @State(Scope.Benchmark)
    public static class Raw {
        RawPipelined run;

        /** Starts the pair with frames the size of the heart's. */
        @Setup(Level.Trial)
        public void start() {
            URI address = URI.create("tcp://127.0.0.1:65535"); // the longest address a loopback server has
            run = RawPipelined.start(
                    Frames.request(TrivialRegistry.registrantId(0), TrivialRegistry.SERVICE, HeartThroughput.TIMEOUT),
                    Frames.response(TrivialRegistry.REGISTRY_ID, TrivialRegistry.SERVICE, address,
                            TrivialRegistry.LEASE),
                    IN_FLIGHT);
        }

        /** Stops both threads. */
        @TearDown(Level.Trial)
        public void stop() {
            run.close();
        }
    }

    /** {@value #BATCH} beats of the 10,000 hearts. */
    @Benchmark
    public long heart(Hearts hearts) {
        hearts.run.beats().await(BATCH);
        return hearts.run.beats().get();
    }

    /** Baseline: {@value #BATCH} raw exchanges. */
    @Benchmark
    public long raw(Raw raw) {
        raw.run.answers().await(BATCH);
        return raw.run.answers().get();
    }
}
