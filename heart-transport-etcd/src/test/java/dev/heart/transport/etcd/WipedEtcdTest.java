package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The protocol alone against an etcd restarted with a new data directory: the keepalive of the
 * lease it forgot answers "not registered", and the next beat registers anew under a new lease.
 */
class WipedEtcdTest {
    @Test
    void aForgottenLeaseAnswersNotRegisteredAndTheNextBeatRegistersAgain() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1);
                RequestProtocol protocol = EtcdTransport.create()) {
            RegistrantInfo who = new RegistrantInfo("w", "wiped", Map.of(EtcdTransport.TTL_ATTRIBUTE, "5"));
            OutgoingRequest beat =
                    new OutgoingRequest(Request.beat(who), etcd.member(0).target());
            assertFalse(send(protocol, beat).reject());
            long lease = EtcdProbe.get(etcd.member(0).target(), EtcdTransport.key(who))
                    .orElseThrow()
                    .lease();
            assertFalse(send(protocol, beat).reject(), "a keepalive");

            etcd.member(0).killAndWipe();
            etcd.member(0).start();
            etcd.member(0).awaitReady(Duration.ofSeconds(30));

            Response forgotten = null;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (forgotten == null && System.nanoTime() - end < 0) {
                try {
                    forgotten = send(protocol, beat);
                } catch (java.util.concurrent.ExecutionException e) {
                    Thread.sleep(200); // the keepalive stream is being reopened
                }
            }
            assertTrue(forgotten != null && forgotten.notRegistered(), "not registered expected: " + forgotten);
            assertFalse(send(protocol, beat).reject(), "registered again");
            assertNotEquals(
                    lease,
                    EtcdProbe.get(etcd.member(0).target(), EtcdTransport.key(who))
                            .orElseThrow()
                            .lease());
        }
    }

    static Response send(RequestProtocol protocol, OutgoingRequest request) throws Exception {
        return protocol.send(request, Duration.ofSeconds(5)).get(20, TimeUnit.SECONDS);
    }
}
