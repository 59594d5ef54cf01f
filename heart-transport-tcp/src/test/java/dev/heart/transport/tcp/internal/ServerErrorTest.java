package dev.heart.transport.tcp.internal;

import static dev.heart.transport.tcp.internal.Fixtures.echo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistryHandler;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** An {@link Error} while serving one connection closes that connection only; the server goes on. */
class ServerErrorTest {
    private static final long TEN_SECONDS = 10_000_000_000L;

    @Test
    void anOutOfMemoryErrorInAHandlerClosesOnlyItsConnection() throws Exception {
        RegistryHandler echo = echo();
        RegistryHandler failing = request -> {
            if (request.registrant().id().equals("boom")) {
                throw new OutOfMemoryError("injected by the test");
            }
            return echo.handle(request);
        };
        try (TcpRegistryServer server = TcpRegistryServer.builder(failing).start();
                Socket good = connect(server);
                Socket victim = connect(server)) {
            assertEquals("before", exchange(good, 1, "before"));
            victim.getOutputStream()
                    .write(CodecTest.encodeRequest(7, Fixtures.beat("boom"), TEN_SECONDS)
                            .array());
            FrameDecoder decoder = new FrameDecoder(4096, 64);
            assertTrue(HostileInputTest.readFrame(decoder, victim.getInputStream()));
            assertEquals(Wire.KIND_ERROR, decoder.kind());
            assertEquals(7, decoder.id());
            String error = Codec.readError(decoder.payload());
            assertEquals("HANDLER_FAILED: " + HandlerDispatcher.HANDLER_FAILED, error);
            assertEquals(-1, readOrEof(victim.getInputStream()), "the connection that met the Error is closed");

            assertEquals("after", exchange(good, 2, "after"), "the other connection is served on");
            try (Socket newcomer = connect(server)) {
                assertEquals("newcomer", exchange(newcomer, 1, "newcomer"), "the listener still accepts");
            }
        }
    }

    private static String exchange(Socket socket, long id, String registrant) throws Exception {
        socket.getOutputStream()
                .write(CodecTest.encodeRequest(id, Fixtures.beat(registrant), TEN_SECONDS)
                        .array());
        FrameDecoder decoder = new FrameDecoder(4096, 64);
        assertTrue(HostileInputTest.readFrame(decoder, socket.getInputStream()));
        assertEquals(id, decoder.id());
        return Fixtures.echoed(Codec.readResponse(decoder.payload()));
    }

    private static Socket connect(TcpRegistryServer server) throws Exception {
        Socket socket =
                new Socket(server.address().getAddress(), server.address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static int readOrEof(InputStream in) throws Exception {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
