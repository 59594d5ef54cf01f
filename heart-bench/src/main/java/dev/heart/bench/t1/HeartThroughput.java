package dev.heart.bench.t1;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.bench.tcp.BenchTls;
import dev.heart.bench.tcp.Counter;
import dev.heart.bench.tcp.TrivialRegistry;
import dev.heart.engine.Heart;
import dev.heart.engine.TimeSource;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.time.Duration;

/**
 * The heart side of T1, without JMH: a {@link TcpRegistryServer} on loopback answering with
 * {@link TrivialRegistry} on its I/O thread ({@code executor(Runnable::run)}), one default
 * {@link TcpTransport} (one I/O thread, one connection), and one {@link Heart} with
 * {@code executor(Runnable::run)} running {@code hearts} beatings of distinct registrants, each
 * beating again as soon as it is answered. {@link #beats()} counts the answers.
 *
 * <p>{@link #close()} stops the heart (each beating sends its disconnect), then the transport and
 * the server, and with them every thread started here.
 */
public final class HeartThroughput implements AutoCloseable {
    /** The bound of every attempt: never reached on loopback unless something is wrong. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TcpRegistryServer server;
    private final RequestProtocol transport;
    private final TimeSource time;
    private final Heart heart;
    private final Counter beats = new Counter();

    private HeartThroughput(int hearts, boolean tls) {
        TrivialRegistry[] registry = new TrivialRegistry[1];
        TcpRegistryServer.Builder builder = TcpRegistryServer.builder(request -> registry[0].handle(request))
                .executor(Runnable::run);
        server = (tls ? builder.tls(BenchTls.server()) : builder).start();
        registry[0] = new TrivialRegistry(server.uri());
        transport = tls ? TcpTransport.builder().tls(BenchTls.client()).build() : TcpTransport.create();
        time = TimeSource.system();
        heart = Heart.builder(new NoDelayBeater(beats, TIMEOUT))
                .protocol(transport)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        for (int i = 0; i < hearts; i++) {
            Request beat = Request.beat(RegistrantInfo.of(TrivialRegistry.registrantId(i), TrivialRegistry.SERVICE));
            heart.start(new OutgoingRequest(beat, server.uri()), TIMEOUT, 0);
        }
    }

    /** Starts {@code hearts} beatings; they beat until {@link #close()}. */
    public static HeartThroughput start(int hearts) {
        return start(hearts, false);
    }

    /** Starts {@code hearts} beatings, over TLS ({@code tcps://}) when {@code tls}; they beat until {@link #close()}. */
    public static HeartThroughput start(int hearts, boolean tls) {
        if (hearts < 1) {
            throw new IllegalArgumentException("hearts must be positive, was " + hearts);
        }
        return new HeartThroughput(hearts, tls);
    }

    /** Answers received by all beatings together. */
    public Counter beats() {
        return beats;
    }

    /** Beatings still running. */
    public int running() {
        return heart.runningBeatings();
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
}
