package dev.heart.bench.t1;

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
 * per second. {@link #heart} is the real engine and transport; {@link #client}, the baseline, a
 * minimal correct client on the transport's own codec against the same server ({@link CodecClient});
 * {@link #heartTls} the heart over TLS, for T3.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TcpThroughputBenchmark.BATCH)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
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

    /** The heart side over TLS ({@code tcps://}), for T3. */
    @State(Scope.Benchmark)
    public static class HeartsTls {
        HeartThroughput run;

        /** Starts the TLS server, the TLS transport and the beatings. */
        @Setup(Level.Trial)
        public void start() {
            run = HeartThroughput.start(IN_FLIGHT, true);
        }

        /** Stops everything started. */
        @TearDown(Level.Trial)
        public void stop() {
            run.close();
        }
    }

    /** The baseline: the minimal correct client on the transport's codec, against the same server. */
    @State(Scope.Benchmark)
    public static class MinimalClient {
        CodecClient run;

        /** Starts the server and the client with {@value #IN_FLIGHT} requests in flight. */
        @Setup(Level.Trial)
        public void start() {
            run = CodecClient.start(IN_FLIGHT);
        }

        /** Stops both. */
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

    /** T3: {@value #BATCH} beats of the 10,000 hearts over TLS. */
    @Benchmark
    public long heartTls(HeartsTls hearts) {
        hearts.run.beats().await(BATCH);
        return hearts.run.beats().get();
    }

    /** Baseline: {@value #BATCH} answers of the minimal client. */
    @Benchmark
    public long client(MinimalClient client) {
        client.run.answers().await(BATCH);
        return client.run.answers().get();
    }
}
