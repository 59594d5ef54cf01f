package dev.heart.transport.tcp.internal;

import static dev.heart.transport.tcp.internal.Fixtures.failure;
import static dev.heart.transport.tcp.internal.Fixtures.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.TransportException;
import dev.heart.transport.tcp.TcpTransport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The client's side of bad input: a registry that answers wrongly. */
class HostileRegistryTest {

    private static TransportException failureAgainst(LongFunction<byte[]> reply) throws Exception {
        try (RawPeers.Silent registry = RawPeers.answering(reply);
                TcpClient client =
                        (TcpClient) TcpTransport.builder().maxFrameSize(4096).build()) {
            TransportException e = failure(client.send(to(registry.uri(), "a"), Duration.ofSeconds(10)));
            assertEquals(0, client.pendingCount(registry.uri()));
            return e;
        }
    }

    private static byte[] header(int length, int magic, int version, int kind, long id) {
        return ByteBuffer.allocate(16)
                .putInt(length)
                .putShort((short) magic)
                .put((byte) version)
                .put((byte) kind)
                .putLong(id)
                .array();
    }

    @Test
    void wrongMagicBreaksTheConnection() throws Exception {
        TransportException e = failureAgainst(id -> header(12, 0x1234, Wire.VERSION, Wire.KIND_RESPONSE, id));
        assertTrue(e.getMessage().contains("connection broke (wrong magic 0x1234"), e.getMessage());
    }

    @Test
    void unknownVersionBreaksTheConnection() throws Exception {
        TransportException e = failureAgainst(id -> header(12, Wire.MAGIC, 9, Wire.KIND_RESPONSE, id));
        assertTrue(e.getMessage().contains("unsupported protocol version 9"), e.getMessage());
    }

    @Test
    void frameAboveTheLimitBreaksTheConnection() throws Exception {
        TransportException e = failureAgainst(id -> header(4097, Wire.MAGIC, Wire.VERSION, Wire.KIND_RESPONSE, id));
        assertTrue(e.getMessage().contains("frame length 4097 outside [12, 4096]"), e.getMessage());
    }

    @Test
    void requestFrameFromTheRegistryBreaksTheConnection() throws Exception {
        TransportException e = failureAgainst(
                id -> CodecTest.encodeRequest(id, Fixtures.beat("x"), 5).array());
        assertTrue(e.getMessage().contains("unexpected request frame from the registry"), e.getMessage());
    }

    @Test
    void connectionLevelErrorFrameFailsEveryRequestWithItsMessage() throws Exception {
        TransportException e = failureAgainst(id -> {
            ByteBuffer out = ByteBuffer.allocate(Codec.errorFrameSize("go away"));
            Codec.putError(out, 0, Wire.ERROR_UNSUPPORTED_VERSION, "go away");
            return out.array();
        });
        assertTrue(e.getMessage().contains("UNSUPPORTED_VERSION: go away"), e.getMessage());
    }

    @Test
    void malformedResponseFailsOnlyThatRequest() throws Exception {
        TransportException e = failureAgainst(id -> {
            byte[] frame = header(13, Wire.MAGIC, Wire.VERSION, Wire.KIND_RESPONSE, id);
            ByteBuffer out = ByteBuffer.allocate(17).put(frame).put((byte) 0);
            return out.array();
        });
        assertTrue(e.getMessage().contains("malformed response from the registry: payload truncated"), e.getMessage());
    }
}
