package dev.heart.transport.eureka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.LeaseFollowingBeater;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A restarted Eureka server has forgotten everyone: the heart's next renewal answers 404, seen as
 * {@code NOT_REGISTERED}, and the instance is registered again without anyone's help.
 */
class ServerRestartTest {

    @Test
    void afterARestartTheInstanceIsListedAgain() throws Exception {
        try (EurekaServer server = EurekaServer.start()) {
            RegistrantInfo who = HeartEndToEndTest.registrant("phoenix-1", "phoenix");
            OutgoingRequest first = new OutgoingRequest(Request.beat(who), server.target());
            // The ready-made beater as it is: it keeps beating through the outage and registers
            // again at once on NOT_REGISTERED.
            RecordingBeater beater =
                    new RecordingBeater(LeaseFollowingBeater.builder(first).build());
            try (Heart heart = Heart.builder(beater).build()) {
                Beating beating = heart.start(first, Duration.ofSeconds(2), 0);
                Await.until("listed", () -> server.instances("phoenix").contains("phoenix-1"));
                Await.until("renewed", () -> beater.accepted() >= 2);

                server.kill();
                Await.until("a beat failed while the server was down", () -> !beater.failures.isEmpty());
                server.restart();
                // no look at the new server's list here: the beater retries within 2 s and may have
                // registered again already; that the server forgot us is proven by the 404 below

                Await.until("listed again", () -> server.instances("phoenix").contains("phoenix-1"));
                assertTrue(
                        beater.responses.stream().anyMatch(Response::notRegistered),
                        "the first renewal after the restart is NOT_REGISTERED: " + beater.responses);
                int seen = beater.responses.size();
                Await.until("renewed after registering again", () -> beater.responses.size() >= seen + 2);
                assertFalse(beater.last().reject(), "beating again: " + beater.last());
                assertEquals(Beating.State.ESTABLISHED, beating.state());

                beating.stop();
                HeartEndToEndTest.assertThrowsWithin(beating);
                assertEquals(Set.of(), server.instances("phoenix"), "cancelled on stop");
            }
        }
    }
}
