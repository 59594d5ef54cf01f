package dev.heart.bench.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.bench.t1.CodecClient;
import dev.heart.bench.t1.HeartThroughput;
import dev.heart.bench.t2.HeartLatency;
import dev.heart.bench.t2.RawPingPong;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The T1 and T2 harnesses without JMH, for a handful of exchanges: each side runs, makes progress
 * and stops; and the raw baselines' frames have exactly the sizes of the frames the heart's
 * transport and server put on the wire. No timing is asserted.
 */
@Timeout(60)
class TcpHarnessSmokeTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void rawRequestFrameHasTheSizeOfTheTransportsRequest() throws Exception {
        try (ServerSocketChannel acceptor = ServerSocketChannel.open();
                RequestProtocol transport = TcpTransport.create()) {
            acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress at = (InetSocketAddress) acceptor.getLocalAddress();
            URI target = URI.create("tcp://127.0.0.1:" + at.getPort());
            Request beat = Request.beat(RegistrantInfo.of(TrivialRegistry.registrantId(7), TrivialRegistry.SERVICE));
            var answer = transport.send(new OutgoingRequest(beat, target), DEADLINE);
            try (SocketChannel peer = acceptor.accept()) {
                ByteBuffer length = ByteBuffer.allocate(Frames.LENGTH_BYTES);
                while (length.hasRemaining()) {
                    assertTrue(peer.read(length) >= 0);
                }
                byte[] raw = Frames.request(TrivialRegistry.registrantId(7), TrivialRegistry.SERVICE, DEADLINE);
                assertEquals(raw.length, Frames.LENGTH_BYTES + length.getInt(0));
            }
            answer.cancel(true);
        }
    }

    @Test
    void rawResponseFrameHasTheSizeOfTheServersResponse() throws Exception {
        TrivialRegistry[] registry = new TrivialRegistry[1];
        try (TcpRegistryServer server = TcpRegistryServer.builder(r -> registry[0].handle(r))
                        .executor(Runnable::run)
                        .start();
                SocketChannel client = SocketChannel.open(server.address())) {
            registry[0] = new TrivialRegistry(server.uri());
            ByteBuffer request =
                    ByteBuffer.wrap(Frames.request(TrivialRegistry.registrantId(7), TrivialRegistry.SERVICE, DEADLINE));
            Frames.putId(request, 0, 1);
            while (request.hasRemaining()) {
                client.write(request);
            }
            ByteBuffer length = ByteBuffer.allocate(Frames.LENGTH_BYTES);
            while (length.hasRemaining()) {
                assertTrue(client.read(length) >= 0);
            }
            byte[] raw = Frames.response(
                    TrivialRegistry.REGISTRY_ID, TrivialRegistry.SERVICE, server.uri(), TrivialRegistry.LEASE);
            assertEquals(raw.length, Frames.LENGTH_BYTES + length.getInt(0));
        }
    }

    @Test
    void heartsKeepBeatingOverTcpUntilClosed() {
        try (HeartThroughput run = HeartThroughput.start(20)) {
            run.beats().await(200);
            assertEquals(20, run.running());
        }
    }

    @Test
    void theMinimalCodecClientKeepsExchanging() {
        try (CodecClient client = CodecClient.start(20)) {
            client.answers().await(200);
        }
    }

    @Test
    void heartsBeatOverTls() throws InterruptedException {
        try (HeartThroughput hearts = HeartThroughput.start(20, true)) {
            hearts.beats().await(200);
        }
        try (HeartLatency heart = HeartLatency.start(true)) {
            assertEquals(1, heart.beatOnce());
        }
    }

    @Test
    void oneHeartBeatsOnceAndSeveralTimes() throws InterruptedException {
        try (HeartLatency heart = HeartLatency.start()) {
            assertEquals(1, heart.beatOnce());
            assertEquals(5, heart.beat(5));
        }
    }

    @Test
    void pingPongAnswersEachRequest() throws Exception {
        try (RawPingPong raw = RawPingPong.open(
                Frames.request(TrivialRegistry.registrantId(0), TrivialRegistry.SERVICE, DEADLINE),
                Frames.response(
                        TrivialRegistry.REGISTRY_ID,
                        TrivialRegistry.SERVICE,
                        URI.create("tcp://127.0.0.1:1"),
                        TrivialRegistry.LEASE))) {
            assertEquals(1, raw.exchange());
            assertEquals(2, raw.exchange());
        }
    }

    @Test
    void counterWaitIsBounded() {
        Counter counter = new Counter();
        counter.fail(new IllegalStateException("broken on purpose"));
        long start = System.nanoTime();
        try {
            counter.await(1);
        } catch (IllegalStateException expected) {
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            return;
        }
        throw new AssertionError("await returned although the run failed");
    }
}
