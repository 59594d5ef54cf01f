package dev.heart.transport.eureka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.Recovery;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two real Eureka servers, the first peered with the second: the first offers the second as a
 * candidate, replicates the instance to it, and when the first dies the {@link FailoverBeater}
 * moves to the second, which keeps the instance listed.
 */
class PeerFailoverTest {

    @Test
    void whenTheServerDiesTheHeartMovesToItsPeer() throws Exception {
        try (EurekaServer second = EurekaServer.start();
                EurekaServer first = EurekaServer.start(second.port())) {
            RegistrantInfo who = HeartEndToEndTest.registrant("nomad-1", "nomads");
            OutgoingRequest initial = new OutgoingRequest(Request.beat(who), first.target());
            List<URI> switches = new CopyOnWriteArrayList<>();
            FailoverBeater failover = FailoverBeater.builder(
                            initial, LeaseFollowingBeater.builder().build())
                    .recovery(Recovery.builder()
                            .backoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                            .attempts(Attempts.once(Duration.ofSeconds(2)))
                            .build())
                    .listener((from, to, cause, wait) -> switches.add(to))
                    .build();
            RecordingBeater beater = new RecordingBeater(failover);
            try (Heart heart = Heart.builder(beater).build()) {
                Beating beating = heart.start(initial, Duration.ofSeconds(2), 0);
                Await.until(
                        "listed at the first", () -> first.instances("nomads").contains("nomad-1"));
                Await.until(
                        "the second offered as a candidate",
                        () -> beater.responses.stream()
                                .anyMatch(r -> r.registry().candidates().contains(second.target())));
                Response fromFirst = beater.responses.stream()
                        .filter(r -> r.registry().candidates().contains(second.target()))
                        .findFirst()
                        .orElseThrow();
                assertEquals(first.target(), fromFirst.registry().address());
                assertEquals(List.of(second.target()), fromFirst.registry().candidates(), "the peer, not itself");
                Await.until(
                        "replicated to the second",
                        () -> second.instances("nomads").contains("nomad-1"));

                first.kill();
                Await.until(
                        "moved to the second and renewed there",
                        () -> beater.responses.stream()
                                        .filter(r -> !r.reject()
                                                && r.registry().address().equals(second.target()))
                                        .count()
                                >= 2);
                assertEquals(Set.of("nomad-1"), second.instances("nomads"));
                assertTrue(switches.contains(second.target()), "switches: " + switches);

                beating.stop();
                HeartEndToEndTest.assertThrowsWithin(beating);
                assertEquals(Set.of(), second.instances("nomads"), "cancelled at the second on stop");
            }
        }
    }
}
