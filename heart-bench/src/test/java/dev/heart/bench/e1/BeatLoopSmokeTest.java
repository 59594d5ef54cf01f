package dev.heart.bench.e1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The E1 harness without JMH, for a handful of beats: both loops complete and make exactly the
 * beats asked for. No timing is asserted: speed is measured by the benchmark, not by tests.
 */
class BeatLoopSmokeTest {
    private static final int BEATS = 7;
    private final AtomicInteger received = new AtomicInteger();
    private final Response accept =
            Response.accept(RegistryInfo.of("smoke", "bench", BeatLoop.TARGET), Duration.ofSeconds(10));

    private Response count(Request request) {
        assertFalse(request.disconnect(), "no disconnect: the beater stops, nobody cancels");
        received.incrementAndGet();
        return accept;
    }

    @Test
    void engineLoopMakesTheBeatsAskedForEveryRun() throws InterruptedException {
        try (BeatLoop loop = BeatLoop.open(BEATS, this::count)) {
            assertEquals(BEATS, loop.engine());
            assertEquals(BEATS, received.get());
            assertEquals(BEATS, loop.engine());
            assertEquals(2 * BEATS, received.get());
        }
    }

    @Test
    void bareLoopMakesTheSameBeats() {
        try (BeatLoop loop = BeatLoop.open(BEATS, this::count)) {
            assertEquals(BEATS, loop.bare());
            assertEquals(BEATS, received.get());
            assertEquals(BEATS, loop.bare());
            assertEquals(2 * BEATS, received.get());
        }
    }

    @Test
    void oneBeatRunsStopAfterTheFirstAnswer() throws InterruptedException {
        try (BeatLoop loop = BeatLoop.open(1, this::count)) {
            assertEquals(1, loop.engine());
            assertEquals(1, loop.bare());
            assertEquals(2, received.get());
        }
    }
}
