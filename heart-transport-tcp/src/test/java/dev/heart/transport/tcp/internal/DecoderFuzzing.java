package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Response;
import java.nio.ByteBuffer;

/**
 * The fuzz target shared by the Jazzer test and the QuickTheories property: feeds arbitrary bytes
 * to a decoder as a server and a client would, and checks that only {@link ProtocolException}s
 * come out and that memory stays within the frame limit.
 */
final class DecoderFuzzing {
    static final int MAX_FRAME = 4096;

    private DecoderFuzzing() {}

    /** Returns the number of frames decoded before the input ended or broke the protocol. */
    static int decodeAll(byte[] data) {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, 64);
        RegistryCache registries = new RegistryCache();
        int frames = 0;
        int at = 0;
        int chunk = data.length == 0 ? 1 : 1 + (data[0] & 0x3F);
        try {
            while (at < data.length) {
                ByteBuffer in = decoder.writable();
                int n = Math.min(Math.min(chunk, in.remaining()), data.length - at);
                in.put(data, at, n);
                at += n;
                while (decoder.next()) {
                    frames++;
                    decodePayload(decoder, registries);
                }
                assertTrue(
                        decoder.capacity() <= MAX_FRAME + Wire.LENGTH_BYTES,
                        () -> "decoder grew to " + decoder.capacity());
            }
        } catch (ProtocolException e) {
            assertTrue(e.fatal(), "only framing errors escape: " + e.getMessage());
        }
        return frames;
    }

    private static void decodePayload(FrameDecoder decoder, RegistryCache registries) {
        ByteBuffer payload = decoder.payload();
        try {
            switch (decoder.kind()) {
                case Wire.KIND_REQUEST:
                    Codec.readRequest(decoder.id(), payload);
                    break;
                case Wire.KIND_RESPONSE:
                    int start = payload.position();
                    Response cached = Codec.readResponse(payload, registries);
                    assertEquals(
                            Codec.readResponse(payload.position(start)),
                            cached,
                            "the cache never changes what is decoded");
                    break;
                case Wire.KIND_ERROR:
                    Codec.readError(payload);
                    break;
                default:
                    break;
            }
        } catch (ProtocolException e) {
            assertTrue(!e.fatal(), "a payload error is never fatal");
        }
    }
}
