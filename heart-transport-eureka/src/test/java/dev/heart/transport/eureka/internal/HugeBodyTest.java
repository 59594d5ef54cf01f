package dev.heart.transport.eureka.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.eureka.EurekaTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A hostile Eureka server answering with a 1 GiB body (issue 23, finding 6): the client fails that
 * attempt cleanly, having read at most a bounded part of it, instead of holding the body in its
 * heap. Register, renew and cancel need no body; the replica list of {@code GET /status} is bounded.
 */
class HugeBodyTest {
    private static final long GIB = 1L << 30;

    /** Answers every request with 200 and a body of 1 GiB of zeros, streamed; counts the bytes the client took. */
    static final class HugeBodyServer implements AutoCloseable {
        final AtomicLong written = new AtomicLong();
        private final ServerSocket server;
        private final Thread thread;

        HugeBodyServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "test-huge-body-server");
            thread.setDaemon(true);
            thread.start();
        }

        URI target() {
            return URI.create("eureka://127.0.0.1:" + server.getLocalPort() + "/eureka");
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    readRequest(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(
                            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + GIB + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < GIB; sent += chunk.length) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException closedByTheClient) {
                    // the client stopped reading: what we wanted
                }
            }
        }

        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("eof");
                }
                head.append((char) b);
            }
            long length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            in.readNBytes((int) length);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void aOneGibibyteAnswerFailsTheAttemptAfterABoundedRead() throws Exception {
        try (HugeBodyServer hostile = new HugeBodyServer();
                RequestProtocol protocol =
                        EurekaTransport.builder().peersRefresh(Duration.ZERO).build()) {
            OutgoingRequest beat =
                    new OutgoingRequest(Request.beat(RegistrantInfo.of("orders-1", "orders")), hostile.target());
            for (int attempt = 0; attempt < 2; attempt++) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        ExecutionException.class,
                        () -> protocol.send(beat, Duration.ofSeconds(30)).get(60, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof TransportException, () -> "a TransportException: " + e.getCause());
                assertTrue(
                        e.getCause().getMessage().contains("exceeds " + Http.DISCARDED_BODY_LIMIT + " bytes"),
                        e.getCause().getMessage());
            }
            long taken = hostile.written.get();
            assertTrue(taken < 256L << 20, "the client read " + (taken >> 20) + " MiB of a 1 GiB answer");
        }
    }
}
