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
 */
class HostileInputTest {
    private static final long TEN_SECONDS = 10_000_000_000L;
    /** Long timeouts: a protocol check that fails would hang the test, not pass it by timeout. */
    private TcpRegistryServer server;
    /** Short timeouts, for the slow and idle peers. */
    private TcpRegistryServer strict;
    private RequestProtocol healthyClient;
    private Thread healthy;
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean running = true;

    @BeforeEach
    void start() throws Exception {
        server = TcpRegistryServer.builder(echo()).maxFrameSize(4096).maxConnections(3).start();
        strict = TcpRegistryServer.builder(echo()).frameReadTimeout(Duration.ofMillis(300))
                .idleTimeout(Duration.ofMillis(500)).start();
        healthyClient = TcpTransport.create();
        healthy = new Thread(() -> {
            while (running) {
                try {
                    for (TcpRegistryServer target : new TcpRegistryServer[] {server, strict}) {
                        Response response = Fixtures.await(healthyClient.send(Fixtures.to(target.uri(), "healthy"),
                                Fixtures.DEADLINE));
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
        }, "test-healthy-client");
        healthy.start();
        assertTrue(Fixtures.eventually(() -> successes.get() > 0), "the healthy client works");
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
        assertClosedAfter("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void wrongVersionIsAnsweredWithUnsupportedVersionThenClosed() throws Exception {
        byte[] frame = CodecTest.encodeRequest(1, Fixtures.beat("v2"), 5).array();
        frame[6] = 2;
        byte[] answer = assertClosedAfter(frame);
        FrameDecoder decoder = CodecTest.decodeOne(ByteBuffer.wrap(answer));
        assertEquals(Wire.KIND_ERROR, decoder.kind());
        assertEquals(0, decoder.id());
        String error = Codec.readError(decoder.payload());
        assertTrue(error.startsWith("UNSUPPORTED_VERSION"), error);
        assertTrue(error.contains("supported: 1"), error);
    }

    @Test
    void aResponseFrameFromAClientIsAProtocolError() throws Exception {
        byte[] frame = CodecTest.encodeResponse(1, Response.reject(
                dev.heart.api.RegistryInfo.of("r", "s", java.net.URI.create("tcp://h:1")))).array();
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
            assertEquals(-1, readOrEof(socket.getInputStream()),
                    "the server closed the slow connection instead of answering the frame");
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket socket = connect(strict)) {
            assertEquals(-1, readOrEof(socket.getInputStream()));
        }
    }

    @Test
    void aMalformedPayloadIsAnsweredAndTheConnectionStaysOpen() throws Exception {
        byte[] bad = CodecTest.encodeRequest(5, Fixtures.beat("abc"), TEN_SECONDS).array();
        bad[Wire.LENGTH_BYTES + Wire.HEADER_BYTES + 8] = (byte) 0x80; // a reserved flag
        byte[] good = CodecTest.encodeRequest(6, Fixtures.beat("ok"), TEN_SECONDS).array();
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
    void connectionsAboveTheLimitAreClosedAtOnce() throws Exception {
        Socket[] open = new Socket[2]; // 2 + the healthy one = the limit of 3
        try {
            for (int i = 0; i < open.length; i++) {
                open[i] = connect();
            }
            assertTrue(Fixtures.eventually(() -> server.connectionCount() == 3));
            try (Socket extra = connect()) {
                assertEquals(-1, readOrEof(extra.getInputStream()));
            }
            open[0].getOutputStream().write(CodecTest.encodeRequest(9, Fixtures.beat("kept"), TEN_SECONDS).array());
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
        Socket socket = new Socket(target.address().getAddress(), target.address().getPort());
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

    private static int readOrEof(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    private static boolean readFrame(FrameDecoder decoder, InputStream in) throws Exception {
        while (!decoder.next()) {
            ByteBuffer buffer = decoder.writable();
            int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
            if (n < 0) {
                return false;
            }
            buffer.position(buffer.position() + n);
        }
        return true;
    }
}
