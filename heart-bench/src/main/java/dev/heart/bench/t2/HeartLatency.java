package dev.heart.bench.t2;

import dev.heart.api.BeatAnswer;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.bench.tcp.BenchTls;
import dev.heart.bench.tcp.TrivialRegistry;
import dev.heart.engine.Heart;
import dev.heart.engine.TimeSource;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.time.Duration;

/**
 * The heart side of T2, without JMH: a {@link TcpRegistryServer} on loopback answering with
 * {@link TrivialRegistry} on its I/O thread ({@code executor(Runnable::run)}), one default
 * {@link TcpTransport}, and one {@link Heart} with {@code executor(Runnable::run)}.
 *
 * <p>{@link #beatOnce()} runs one beating of exactly one beat through the engine
 * ({@link Heart#runBeating}) and returns when its answer has reached the beater: what a caller
 * of the heart waits for one beat, engine, both I/O threads and the hop back included.
 * {@link #beat(int)} makes {@code n} beats of one beating with no delay between them, for the
 * per-beat time of a heart that keeps beating.
 *
 * <p>Not thread-safe: one call at a time. {@link #close()} stops every thread started here.
 */
public final class HeartLatency implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TcpRegistryServer server;
    private final RequestProtocol transport;
    private final TimeSource time;
    private final Beats beater = new Beats();
    private final Heart heart;
    private final OutgoingRequest request;

    private HeartLatency(boolean tls) {
        TrivialRegistry[] registry = new TrivialRegistry[1];
        TcpRegistryServer.Builder builder =
                TcpRegistryServer.builder(r -> registry[0].handle(r)).executor(Runnable::run);
        server = (tls ? builder.tls(BenchTls.server()) : builder).start();
        registry[0] = new TrivialRegistry(server.uri());
        transport = tls ? TcpTransport.builder().tls(BenchTls.client()).build() : TcpTransport.create();
        time = TimeSource.system();
        heart = Heart.builder(beater)
                .protocol(transport)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        request = new OutgoingRequest(
                Request.beat(RegistrantInfo.of(TrivialRegistry.registrantId(0), TrivialRegistry.SERVICE)),
                server.uri());
    }

    /** Starts the server, the transport and the heart. */
    public static HeartLatency start() {
        return new HeartLatency(false);
    }

    /** Starts them over TLS ({@code tcps://}) when {@code tls}. */
    public static HeartLatency start(boolean tls) {
        return new HeartLatency(tls);
    }

    /**
     * One beating of one beat.
     *
     * @return the beats the beater saw: 1
     */
    public int beatOnce() throws InterruptedException {
        return beat(1);
    }

    /**
     * One beating of {@code n} beats, each sent as soon as the previous one was answered.
     *
     * @return the beats the beater saw: {@code n}
     */
    public int beat(int n) throws InterruptedException {
        beater.reset(n);
        heart.runBeating(request, TIMEOUT, 0);
        if (beater.seen != n) {
            throw new IllegalStateException("expected " + n + " beats, the beater saw " + beater.seen);
        }
        return beater.seen;
    }

    @Override
    public void close() {
        try {
            heart.close();
        } finally {
            try {
                transport.close();
            } finally {
                time.close();
                server.close();
            }
        }
    }

    /** Beats {@code wanted} times, resending the beating's request at once. */
    private static final class Beats implements HeartBeater {
        private volatile int wanted;
        private volatile int seen;

        void reset(int n) {
            wanted = n;
            seen = 0;
        }

        @Override
        public void beat(BeatAnswer next) {
            int now = seen + 1; // one beating at a time: never concurrent
            seen = now;
            if (now < wanted) {
                next.send(next.lastRequest(), TIMEOUT, 0);
            }
        }
    }
}
