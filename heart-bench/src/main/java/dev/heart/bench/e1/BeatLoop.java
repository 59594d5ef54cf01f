package dev.heart.bench.e1;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.bench.mem.InstantProtocol;
import dev.heart.engine.Heart;
import dev.heart.engine.TimeSource;
import java.net.URI;
import java.time.Duration;

/**
 * The E1 harness, without JMH: one beating of {@code beatsPerRun} beats against a transport that
 * answers at once, either through a {@link Heart} ({@link #engine()}) or through a bare loop that
 * calls the same transport and the same beater directly ({@link #bare()}).
 *
 * <p>The heart runs beater calls on the thread that got the response ({@code Runnable::run}) and the
 * answer is already there when {@code send} returns, so a whole engine run happens on the calling
 * thread, like the bare loop. The bare loop measures each round trip with {@link System#nanoTime()},
 * as the beater's contract asks of any loop.
 *
 * <p>Not thread-safe: one run at a time. {@link #close()} releases the heart and its timer.
 */
public final class BeatLoop implements AutoCloseable {
    /** The registry every run beats against. */
    public static final URI TARGET = URI.create("mem://e1-registry");
    /** The bound of every attempt; never reached, since answers are immediate. */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final RegistryInfo REGISTRY = RegistryInfo.of("e1-registry", "bench", TARGET);
    private static final Response ACCEPT = Response.accept(REGISTRY, Duration.ofSeconds(10));

    private final int beatsPerRun;
    private final OutgoingRequest request;
    private final InstantProtocol protocol;
    private final CountingBeater beater;
    private final TimeSource time;
    private final Heart heart;
    private final BareNext bareNext = new BareNext();

    private BeatLoop(int beatsPerRun, RegistryHandler registry) {
        if (beatsPerRun < 1) {
            throw new IllegalArgumentException("beatsPerRun must be positive, was " + beatsPerRun);
        }
        this.beatsPerRun = beatsPerRun;
        this.request = new OutgoingRequest(Request.beat(RegistrantInfo.of("e1-heart", "bench")), TARGET);
        this.protocol = new InstantProtocol(registry);
        this.beater = new CountingBeater(beatsPerRun, request, TIMEOUT);
        this.time = TimeSource.system();
        this.heart = Heart.builder(beater)
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
    }

    /** A loop of {@code beatsPerRun} beats per run against a registry that accepts every beat. */
    public static BeatLoop open(int beatsPerRun) {
        return new BeatLoop(beatsPerRun, ignored -> ACCEPT);
    }

    /**
     * A loop against {@code registry}, for tests that count what reaches it. The registry should
     * accept: the beater stops at the first rejection.
     */
    public static BeatLoop open(int beatsPerRun, RegistryHandler registry) {
        return new BeatLoop(beatsPerRun, registry);
    }

    /** Beats per run: the divisor that turns a run's time into a per-beat time. */
    public int beatsPerRun() {
        return beatsPerRun;
    }

    /**
     * One beating of {@link #beatsPerRun()} beats through the heart.
     *
     * @return the beats the beater saw
     * @throws InterruptedException when the calling thread is interrupted
     */
    public int engine() throws InterruptedException {
        beater.reset();
        heart.runBeating(request, TIMEOUT, 0);
        return beater.beats();
    }

    /**
     * The same beats without the engine: send, take the answer, time the round trip, ask the
     * beater, repeat while it continues.
     *
     * @return the beats the beater saw
     */
    public int bare() {
        beater.reset();
        BareNext next = bareNext;
        OutgoingRequest outgoing = request;
        Duration timeout = TIMEOUT;
        do {
            next.clear();
            long sentAt = System.nanoTime();
            Response response = protocol.send(outgoing, timeout).join();
            next.roundTrip = Duration.ofNanos(System.nanoTime() - sentAt);
            next.response = response;
            next.last = outgoing;
            beater.beat(next);
            OutgoingRequest decided = next.request;
            Duration decidedTimeout = next.timeout;
            if (decided == null || decidedTimeout == null) {
                break;
            }
            outgoing = decided;
            timeout = decidedTimeout;
        } while (true);
        return beater.beats();
    }

    @Override
    public void close() {
        heart.close();
        time.close();
    }
}
