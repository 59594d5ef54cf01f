package dev.heart.bench.t2;

import dev.heart.bench.tcp.Frames;
import dev.heart.bench.tcp.TrivialRegistry;
import java.io.IOException;
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
 * T2: TCP latency on loopback, one exchange at a time, in JMH's sample-time mode (the summary uses
 * the p50 of the samples). {@link #heart} is one beat of one heart through the real engine,
 * transport and registry server; {@link #raw}, the baseline, a blocking socket ping-pong of frames
 * of the same size. {@link #heartKeepsBeating} is context: the per-beat time of a beating that
 * sends each beat as soon as the previous one is answered (each sample averages
 * {@value #RUN} beats).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class TcpLatencyBenchmark {
    /** Beats per sample of {@link #heartKeepsBeating}. */
    public static final int RUN = 100;

    /** The heart side. */
    @State(Scope.Thread)
    public static class OneHeart {
        HeartLatency heart;

        /** Starts the server, the transport and the heart. */
        @Setup(Level.Trial)
        public void start() {
            heart = HeartLatency.start();
        }

        /** Stops them. */
        @TearDown(Level.Trial)
        public void stop() {
            heart.close();
        }
    }

    /** The heart side over TLS ({@code tcps://}), for T3. */
    @State(Scope.Thread)
    public static class OneHeartTls {
        HeartLatency heart;

        /** Starts the TLS server, the TLS transport and the heart. */
        @Setup(Level.Trial)
        public void start() {
            heart = HeartLatency.start(true);
        }

        /** Stops them. */
        @TearDown(Level.Trial)
        public void stop() {
            heart.close();
        }
    }

    /** The raw side. */
    @State(Scope.Thread)
    public static class PingPong {
        RawPingPong raw;

        /** Opens the pair with frames the size of the heart's. */
        @Setup(Level.Trial)
        public void start() {
            URI address = URI.create("tcp://127.0.0.1:65535"); // as long as a loopback server's URI
            raw = RawPingPong.open(
                    Frames.request(TrivialRegistry.registrantId(0), TrivialRegistry.SERVICE, HeartLatency.TIMEOUT),
                    Frames.response(
                            TrivialRegistry.REGISTRY_ID, TrivialRegistry.SERVICE, address, TrivialRegistry.LEASE));
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void stop() {
            raw.close();
        }
    }

    /** One beating of one beat. */
    @Benchmark
    public int heart(OneHeart state) throws InterruptedException {
        return state.heart.beatOnce();
    }

    /** T3: one beating of one beat over TLS. */
    @Benchmark
    public int heartTls(OneHeartTls state) throws InterruptedException {
        return state.heart.beatOnce();
    }

    /** Context: one beating of {@value #RUN} beats, no delay; the score is per beat. */
    @Benchmark
    @OperationsPerInvocation(RUN)
    public int heartKeepsBeating(OneHeart state) throws InterruptedException {
        return state.heart.beat(RUN);
    }

    /** Baseline: one blocking ping-pong. */
    @Benchmark
    public long raw(PingPong state) throws IOException {
        return state.raw.exchange();
    }
}
