package dev.heart.transport.tcp.internal;

import static dev.heart.transport.tcp.internal.Fixtures.echo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each hostile input closes only its own connection while a healthy client keeps beating through
 * the whole test without a single failure.
 *
 * <p>No healthy-client assertion depends on a short server timeout: the healthy client's
 * connections are established before the test (a failure while warming up is not counted), after
 * which the only timeouts that could close them are the idle timeout (minutes on both servers)
 * and the frame-read timeout, which applies to partly received frames (the healthy client's small
 * frames are written whole, in one write each). Short timeouts act only on the hostile sockets.
 */
class HostileInputTest {
    private static final long TEN_SECONDS = 10_000_000_000L;
    /** Long timeouts: a protocol check that fails would hang the test, not pass it by timeout. */
    private TcpRegistryServer server;
    /** Short frame-read and first-frame timeouts (idle: the default minutes), for slow and silent peers. */
    private TcpRegistryServer strict;

    private RequestProtocol healthyClient;
    private Thread healthy;
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean running = true;

    @BeforeEach
    void start() throws Exception {
        server = TcpRegistryServer.builder(echo())
                .maxFrameSize(4096)
                .maxConnections(3)
                .firstFrameTimeout(Duration.ofMinutes(1))
                .start();
        strict = TcpRegistryServer.builder(echo())
                .frameReadTimeout(Duration.ofMillis(300))
                .firstFrameTimeout(Duration.ofMillis(500))
                .start();
        healthyClient = TcpTransport.create();
        healthy = new Thread(
                () -> {
                    while (running) {
                        try {
                            for (TcpRegistryServer target : new TcpRegistryServer[] {server, strict}) {
                                Response response = Fixtures.await(
                                        healthyClient.send(Fixtures.to(target.uri(), "healthy"), Fixtures.DEADLINE));
                                if ("healthy".equals(Fixtures.echoed(response))) {
                                    successes.incrementAndGet();
                                }
                            }
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                },
                "test-healthy-client");
        healthy.start();
        assertTrue(Fixtures.eventually(() -> successes.get() > 2), "the healthy client works");
        failures.set(0); // warming up (the first frame against the strict server's 500 ms deadline) is not the test
    }

    @AfterEach
    void stop() throws Exception {
        int before = successes.get();
        assertTrue(Fixtures.eventually(() -> successes.get() > before + 2), "the healthy client still works");
        running = false;
        healthy.join(10_000);
        healthyClient.close();
        server.close();
        strict.close();
        assertEquals(0, failures.get(), "the healthy client never failed");
    }

    @Test
    void lengthAboveTheLimitClosesTheConnection() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(4).putInt(4097).array());
    }

    @Test
    void negativeLengthClosesTheConnection() throws Exception {
        assertClosedAfter(ByteBuffer.allocate(4).putInt(-5).array());
    }

    @Test
    void wrongMagicClosesTheConnection() throws Exception {
        byte[] frame =
                CodecTest.encodeRequest(1, Fixtures.beat("m"), TEN_SECONDS).array();
        frame[4] = 'G';
        byte[] answer = assertClosedAfter(frame);
        FrameDecoder decoder = CodecTest.decodeOne(ByteBuffer.wrap(answer));
        String error = Codec.readError(decoder.payload());
        assertTrue(error.startsWith("PROTOCOL_ERROR: wrong magic"), error);
    }

    @Test
    void anHttpRequestClosesTheConnection() throws Exception {
        assertClosedAfter("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void wrongVersionIsAnsweredWithUnsupportedVersionThenClosed() throws Exception {
        byte[] frame = CodecTest.encodeRequest(1, Fixtures.beat("v2"), 5).array();
        frame[6] = 1; // a version 1 peer
        byte[] answer = assertClosedAfter(frame);
        FrameDecoder decoder = CodecTest.decodeOne(ByteBuffer.wrap(answer));
        assertEquals(Wire.KIND_ERROR, decoder.kind());
        assertEquals(0, decoder.id());
        String error = Codec.readError(decoder.payload());
        assertTrue(error.startsWith("UNSUPPORTED_VERSION"), error);
        assertTrue(error.contains("supported: 2"), error);
    }

    @Test
    void aResponseFrameFromAClientIsAProtocolError() throws Exception {
        byte[] frame = CodecTest.encodeResponse(
                        1, Response.reject(dev.heart.api.RegistryInfo.of("r", "s", java.net.URI.create("tcp://h:1"))))
                .array();
        byte[] answer = assertClosedAfter(frame);
        FrameDecoder decoder = CodecTest.decodeOne(ByteBuffer.wrap(answer));
        assertTrue(Codec.readError(decoder.payload()).startsWith("PROTOCOL_ERROR"));
    }

    @Test
    void randomBytesCloseTheConnection() throws Exception {
        byte[] noise = new byte[1000];
        new Random(42).nextBytes(noise);
        noise[0] = 0x7F; // a length far above the limit, whatever the seed
        assertClosedAfter(noise);
    }

    @Test
    void aTruncatedFrameThenCloseIsForgotten() throws Exception {
        byte[] frame = CodecTest.encodeRequest(1, Fixtures.beat("t"), 5).array();
        try (Socket socket = connect()) {
            socket.getOutputStream().write(Arrays.copyOf(frame, frame.length - 3));
            assertTrue(Fixtures.eventually(() -> server.connectionCount() == 2));
        }
        assertTrue(Fixtures.eventually(() -> server.connectionCount() == 1), "only the healthy connection is left");
    }

    @Test
    void aSenderOfOneByteAtATimeIsClosedByTheFrameReadTimeout() throws Exception {
        byte[] frame = CodecTest.encodeRequest(1, Fixtures.beat("slow"), 5).array();
        try (Socket socket = connect(strict)) {
            OutputStream out = socket.getOutputStream();
            try {
                for (byte b : frame) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (SocketException closedByServer) {
                // writing on a connection the server closed
            }
            assertEquals(
                    -1,
                    readOrEof(socket.getInputStream()),
                    "the server closed the slow connection instead of answering the frame");
        }
    }

    @Test
    void aClientThatNeverReadsItsAnswersIsClosedWithBoundedMemory() throws Exception {
        Response big = Response.accept(
                new dev.heart.api.RegistryInfo(
                        "reg",
                        "svc",
                        java.net.URI.create("tcp://h:1"),
                        java.util.List.of(),
                        java.util.Map.of("big", "x".repeat(60_000))),
                Duration.ofSeconds(1));
        try (TcpRegistryServer flooded = TcpRegistryServer.builder(request -> big)
                        .maxFrameSize(128 * 1024)
                        .frameReadTimeout(Duration.ofMillis(300))
                        .start();
                Socket socket = connect(flooded)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 1; i <= 400; i++) {
                out.write(CodecTest.encodeRequest(i, Fixtures.beat("r" + i), TEN_SECONDS)
                        .array());
            }
            out.flush();
            assertTrue(
                    Fixtures.eventually(() -> flooded.connectionCount() == 0),
                    "the server closed the connection of a client that takes no answers");
        }
    }

    @Test
    void aConnectionThatNeverSendsIsClosedByTheFirstFrameTimeoutWithAnErrorFrame() throws Exception {
        try (Socket socket = connect(strict)) {
            String error = readError(socket.getInputStream());
            assertTrue(error.startsWith("PROTOCOL_ERROR: no complete frame within 500 ms of connecting"), error);
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterItsIdleTimeout() throws Exception {
        try (TcpRegistryServer idle = TcpRegistryServer.builder(echo())
                        .idleTimeout(Duration.ofMillis(300))
                        .start();
                Socket socket = connect(idle)) {
            socket.getOutputStream()
                    .write(CodecTest.encodeRequest(1, Fixtures.beat("once"), TEN_SECONDS)
                            .array());
            FrameDecoder decoder = new FrameDecoder(4096, 64);
            // the answer (unless a stall let the idle timeout pass before the request came), then the close;
            // a connection left open would fail the read with the socket's 10 s timeout
            while (readFrame(decoder, socket.getInputStream())) {
                assertEquals("once", Fixtures.echoed(Codec.readResponse(decoder.payload())));
            }
            assertTrue(Fixtures.eventually(() -> idle.connectionCount() == 0), "the idle connection is closed");
        }
    }

    @Test
    void aMalformedPayloadIsAnsweredAndTheConnectionStaysOpen() throws Exception {
        byte[] bad =
                CodecTest.encodeRequest(5, Fixtures.beat("abc"), TEN_SECONDS).array();
        bad[Wire.LENGTH_BYTES + Wire.HEADER_BYTES + 8] = (byte) 0x80; // a reserved flag
        byte[] good =
                CodecTest.encodeRequest(6, Fixtures.beat("ok"), TEN_SECONDS).array();
        try (Socket socket = connect()) {
            socket.getOutputStream().write(bad);
            socket.getOutputStream().write(good);
            FrameDecoder decoder = new FrameDecoder(4096, 64);
            InputStream in = socket.getInputStream();
            assertTrue(readFrame(decoder, in));
            assertEquals(5, decoder.id());
            assertTrue(Codec.readError(decoder.payload()).startsWith("BAD_REQUEST: reserved flag"));
            assertTrue(readFrame(decoder, in));
            assertEquals(6, decoder.id());
            assertEquals("ok", Fixtures.echoed(Codec.readResponse(decoder.payload())));
        }
    }

    @Test
    void aNewcomerEvictsTheOldestConnectionThatNeverSentAFrame() throws Exception {
        try (Socket silent = connect();
                Socket speaker = connect()) {
            speaker.getOutputStream()
                    .write(CodecTest.encodeRequest(3, Fixtures.beat("spoke"), TEN_SECONDS)
                            .array());
            FrameDecoder decoder = new FrameDecoder(4096, 64);
            assertTrue(readFrame(decoder, speaker.getInputStream()));
            assertTrue(Fixtures.eventually(() -> server.connectionCount() == 3)); // the limit, with the healthy one
            try (Socket newcomer = connect()) {
                String error = readError(silent.getInputStream());
                assertTrue(error.startsWith("RESOURCE_EXHAUSTED: evicted for a newcomer"), error);
                newcomer.getOutputStream()
                        .write(CodecTest.encodeRequest(1, Fixtures.beat("new"), TEN_SECONDS)
                                .array());
                assertTrue(readFrame(decoder, newcomer.getInputStream()));
                assertEquals("new", Fixtures.echoed(Codec.readResponse(decoder.payload())));
            }
            speaker.getOutputStream()
                    .write(CodecTest.encodeRequest(4, Fixtures.beat("still"), TEN_SECONDS)
                            .array());
            assertTrue(readFrame(decoder, speaker.getInputStream()));
            assertEquals("still", Fixtures.echoed(Codec.readResponse(decoder.payload())));
        }
    }

    @Test
    void aPeerOverItsLimitEvictsItsOwnSilentConnectionNotAnotherPeers() throws Exception {
        try (TcpRegistryServer perPeer = TcpRegistryServer.builder(echo())
                        .maxConnectionsPerPeer(2)
                        .firstFrameTimeout(Duration.ofMinutes(1))
                        .start();
                Socket other = connectFrom(perPeer, "127.0.0.3");
                Socket first = connectFrom(perPeer, "127.0.0.2");
                Socket second = connectFrom(perPeer, "127.0.0.2")) {
            assertTrue(Fixtures.eventually(() -> perPeer.connectionCount() == 3));
            assertTrue(second.isConnected());
            try (Socket third = connectFrom(perPeer, "127.0.0.2")) {
                assertTrue(third.isConnected());
                String error = readError(first.getInputStream());
                assertTrue(error.contains("maxConnectionsPerPeer"), error);
                assertTrue(Fixtures.eventually(() -> perPeer.connectionCount() == 3));
                other.getOutputStream()
                        .write(CodecTest.encodeRequest(1, Fixtures.beat("other"), TEN_SECONDS)
                                .array());
                FrameDecoder decoder = new FrameDecoder(4096, 64);
                assertTrue(readFrame(decoder, other.getInputStream()));
                assertEquals("other", Fixtures.echoed(Codec.readResponse(decoder.payload())));
            }
        }
    }

    @Test
    void aRefusedConnectionGetsAnErrorFrameFirst() throws Exception {
        Socket[] open = new Socket[2]; // 2 + the healthy one = the limit of 3
        try {
            for (int i = 0; i < open.length; i++) {
                open[i] = connect();
                open[i].getOutputStream()
                        .write(CodecTest.encodeRequest(1, Fixtures.beat("a" + i), TEN_SECONDS)
                                .array());
                assertTrue(readFrame(new FrameDecoder(4096, 64), open[i].getInputStream())); // never evictable
            }
            assertTrue(Fixtures.eventually(() -> server.connectionCount() == 3));
            try (Socket extra = connect()) {
                String error = readError(extra.getInputStream());
                assertTrue(
                        error.startsWith("RESOURCE_EXHAUSTED: connection refused: the server has 3 connections"),
                        error);
            }
            open[0].getOutputStream()
                    .write(CodecTest.encodeRequest(9, Fixtures.beat("kept"), TEN_SECONDS)
                            .array());
            FrameDecoder decoder = new FrameDecoder(4096, 64);
            assertTrue(readFrame(decoder, open[0].getInputStream()));
            assertEquals("kept", Fixtures.echoed(Codec.readResponse(decoder.payload())));
        } finally {
            for (Socket socket : open) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private Socket connect() throws IOException {
        return connect(server);
    }

    private static Socket connect(TcpRegistryServer target) throws IOException {
        Socket socket =
                new Socket(target.address().getAddress(), target.address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code bytes}, asserts the server closes the connection; returns what it sent before. */
    private byte[] assertClosedAfter(byte[] bytes) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(bytes);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // closed with unread input: a reset is a close too
            }
            return answer.toByteArray();
        }
    }

    private static Socket connectFrom(TcpRegistryServer target, String localAddress) throws IOException {
        Socket socket = new Socket(
                target.address().getAddress(),
                target.address().getPort(),
                java.net.InetAddress.getByName(localAddress),
                0);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads one error frame (id 0) and then the end of the stream; returns "CODE: message". */
    static String readError(InputStream in) throws Exception {
        FrameDecoder decoder = new FrameDecoder(4096, 64);
        assertTrue(readFrame(decoder, in), "an error frame before the close");
        assertEquals(Wire.KIND_ERROR, decoder.kind());
        assertEquals(0, decoder.id());
        String error = Codec.readError(decoder.payload());
        assertEquals(-1, readOrEof(in), "closed after the error frame");
        return error;
    }

    private static int readOrEof(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    static boolean readFrame(FrameDecoder decoder, InputStream in) throws Exception {
        while (!decoder.next()) {
            ByteBuffer buffer = decoder.writable();
            int n;
            try {
                n = in.read(buffer.array(), buffer.position(), buffer.remaining());
            } catch (SocketException reset) {
                return false;
            }
            if (n < 0) {
                return false;
            }
            buffer.position(buffer.position() + n);
        }
        return true;
    }
}
