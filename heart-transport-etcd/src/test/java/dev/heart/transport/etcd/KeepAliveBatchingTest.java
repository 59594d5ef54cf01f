package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keepalives of many registrants sent together, written in batches (the default window, the
 * longest one) or one by one (window 0): every one is answered, and etcd keeps every key alive
 * past its TTL on keepalives alone.
 */
class KeepAliveBatchingTest {
    private static final int REGISTRANTS = 60;
    private static EtcdCluster etcd;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdCluster.start(1);
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @ParameterizedTest(name = "keepAliveBatching {0} ms")
    @ValueSource(longs = {0, 20, 1000})
    void keepalivesSentTogetherAreAllAnsweredAndKeepEveryKeyAlive(long windowMillis) throws Exception {
        String service = "batching" + windowMillis;
        try (RequestProtocol protocol = EtcdTransport.builder()
                .keepAliveBatching(Duration.ofMillis(windowMillis))
                .build()) {
            List<OutgoingRequest> beats = new ArrayList<>();
            for (int i = 0; i < REGISTRANTS; i++) {
                RegistrantInfo who = new RegistrantInfo("r" + i, service, Map.of(EtcdTransport.TTL_ATTRIBUTE, "2"));
                beats.add(new OutgoingRequest(Request.beat(who), etcd.member(0).target()));
            }
            sendAll(protocol, beats); // registers everyone
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // 2.5 TTLs of keepalives only
            int rounds = 0;
            while (System.nanoTime() - end < 0) {
                for (Response answer : sendAll(protocol, beats)) {
                    assertFalse(answer.reject(), "a keepalive is accepted: " + answer);
                    assertEquals(Duration.ofSeconds(2), answer.timeout(), "the TTL etcd reports");
                }
                rounds++;
                Thread.sleep(400);
            }
            assertTrue(rounds >= 2, "keepalives were sent " + rounds + " times");
            for (OutgoingRequest beat : beats) {
                assertTrue(
                        EtcdProbe.get(
                                        etcd.member(0).target(),
                                        EtcdTransport.key(beat.request().registrant()))
                                .isPresent(),
                        beat.request().registrant().id() + " is still in etcd after 2.5 TTLs of keepalives alone");
            }
        }
    }

    /** Sends every beat at once (one batch), then waits for all the answers. */
    private static List<Response> sendAll(RequestProtocol protocol, List<OutgoingRequest> beats) throws Exception {
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        for (OutgoingRequest beat : beats) {
            sent.add(protocol.send(beat, Duration.ofSeconds(10)));
        }
        List<Response> answers = new ArrayList<>();
        for (CompletableFuture<Response> answer : sent) {
            answers.add(answer.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }
}
