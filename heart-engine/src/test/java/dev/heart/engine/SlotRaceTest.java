package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11's race on a whole beating: the answer to an attempt arrives exactly while the timer
 * has claimed that attempt's timeout and not yet run it (a transport thread racing the timer).
 * The beating handles the answer, decides its next beat with a delay, and reuses the slot's node
 * for that delay; the wheel must then run the stale timeout, not the new delay, so the next beat
 * goes out after its whole delay. On the engine's own wheel, turned by the test ({@link WheelTime}).
 */
@Timeout(60)
class SlotRaceTest {

    @Test
    void anAnswerRacingItsTimeout_doesNotCutTheNextDelayShort() {
        List<CompletableFuture<Response>> pending = new ArrayList<>();
        List<Long> sentAtMillis = new ArrayList<>();
        boolean[] raced = {false};
        WheelTime[] time = new WheelTime[1];
        time[0] = new WheelTime((tick, clock) -> new WheelTimer(tick, 64, clock, false) {
            @Override
            void claimed(WheelNode node) {
                // The first attempt's 1 s timeout is claimed: its answer arrives now, "on a transport thread".
                if (!raced[0] && pending.size() == 1 && !pending.get(0).isDone()) {
                    raced[0] = true;
                    pending.get(0).complete(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(60)));
                }
            }
        });
        RequestProtocol protocol = new RequestProtocol() {
            @Override
            public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
                sentAtMillis.add(time[0].elapsedMillis());
                CompletableFuture<Response> future = new CompletableFuture<>();
                pending.add(future);
                return future;
            }
        };
        int[] calls = {0};
        WheelTime wheel = time[0];
        Heart heart = Heart.builder(next -> {
                    if (++calls[0] < 2) {
                        next.send(REQUEST, Attempts.of(Duration.ofSeconds(1), 0), Duration.ofSeconds(5));
                    }
                })
                .protocol(protocol)
                .timeSource(wheel)
                .executor(Runnable::run)
                .build();
        try {
            Beating beating = heart.start(REQUEST, Duration.ofSeconds(1), 0);
            wheel.advance(Duration.ofMillis(1500));
            assertTrue(raced[0], "the answer raced the claimed timeout");
            assertEquals(List.of(0L), sentAtMillis, "the next beat waits its 5 s delay, not sent at the race");
            wheel.advance(Duration.ofSeconds(5));
            assertEquals(List.of(0L, 6000L), sentAtMillis, "sent when the delay ended: 1 s (the race) + 5 s");
            pending.get(1).complete(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(60)));
            assertEquals(Beating.State.ENDED, beating.state());
        } finally {
            heart.closeAsync(); // virtual time: closing completes as the wheel turns
            wheel.advance(Duration.ofSeconds(10));
            wheel.close();
        }
    }
}
