package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    /** Feeds {@code bytes} in chunks of {@code chunk}, collecting the ids of whole request frames. */
    static List<Long> feed(FrameDecoder decoder, byte[] bytes, int chunk) throws ProtocolException {
        List<Long> ids = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            ByteBuffer in = decoder.writable();
            int n = Math.min(Math.min(chunk, in.remaining()), bytes.length - at);
            in.put(bytes, at, n);
            at += n;
            while (decoder.next()) {
                ids.add(decoder.id());
                assertEquals(
                        "r" + decoder.id(),
                        Codec.readRequest(decoder.id(), decoder.payload())
                                .request()
                                .registrant()
                                .id());
            }
        }
        return ids;
    }

    static byte[] frames(int count) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 1; i <= count; i++) {
            all.writeBytes(CodecTest.encodeRequest(i, Fixtures.beat("r" + i), 5).array());
        }
        return all.toByteArray();
    }

    @Test
    void framesSplitAtEveryBoundaryOrBatchedAreAllDecoded() throws Exception {
        byte[] bytes = frames(50);
        for (int chunk : new int[] {1, 2, 3, 7, 16, 17, 100, 4096, bytes.length}) {
            List<Long> ids = feed(new FrameDecoder(1024, 32), bytes, chunk);
            assertEquals(50, ids.size(), "chunk " + chunk);
            assertEquals(List.of(1L, 2L, 3L), ids.subList(0, 3));
            assertEquals(50L, ids.get(49));
        }
    }

    @Test
    void aLargeFrameGrowsTheBufferWhichShrinksAfterwards() throws Exception {
        Request big = new Request(new RegistrantInfo("r1", "svc", Map.of("k", "v".repeat(100_000))), false);
        byte[] bytes = CodecTest.encodeRequest(1, big, 5).array();
        FrameDecoder decoder = new FrameDecoder(Wire.DEFAULT_MAX_FRAME_SIZE, 1024);
        assertEquals(List.of(1L), feed(decoder, bytes, 999));
        assertTrue(decoder.capacity() >= bytes.length);
        assertEquals(List.of(1L, 2L), feed(decoder, frames(2), 10));
        assertEquals(1024, decoder.capacity(), "back to the initial size once the big frame is consumed");
    }

    @Test
    void memoryFollowsTheBytesReceivedNotTheAnnouncedLength() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Wire.DEFAULT_MAX_FRAME_SIZE, 1024);
        byte[] header = CodecTest.encodeRequest(
                        1, new Request(new RegistrantInfo("r1", "svc", Map.of("k", "v".repeat(500_000))), false), 5)
                .array();
        assertEquals(List.of(), feed(decoder, java.util.Arrays.copyOf(header, 16), 16));
        assertEquals(1024, decoder.capacity(), "16 bytes of a 500 KB frame take no more than the initial buffer");
        assertEquals(List.of(), feed(decoder, java.util.Arrays.copyOfRange(header, 16, 5000), 999));
        assertTrue(decoder.capacity() <= 2 * 5000, "at most twice what arrived: " + decoder.capacity());
    }

    @Test
    void growthBeyondTheBudgetFailsWithResourceExhaustedAndReleaseGivesItBack() throws Exception {
        ByteBudget budget = new ByteBudget(10_000);
        FrameDecoder decoder = new FrameDecoder(Wire.DEFAULT_MAX_FRAME_SIZE, 1024, budget);
        byte[] bytes = CodecTest.encodeRequest(
                        1, new Request(new RegistrantInfo("r1", "svc", Map.of("k", "v".repeat(100_000))), false), 5)
                .array();
        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(decoder, bytes, 999));
        assertTrue(e.fatal());
        assertEquals(Wire.ERROR_RESOURCE_EXHAUSTED, e.errorCode());
        assertTrue(e.getMessage().contains("budget of 10000 bytes for partly received frames"), e.getMessage());
        assertTrue(budget.used() > 0 && budget.used() <= 10_000, "used " + budget.used());
        decoder.release();
        assertEquals(0, budget.used());
    }

    @Test
    void lengthAboveTheLimitIsRejectedBeforeAnyPayloadArrives() {
        FrameDecoder decoder = new FrameDecoder(1000, 64);
        ByteBuffer in = decoder.writable();
        in.putInt(1001);
        ProtocolException e = assertThrows(ProtocolException.class, decoder::next);
        assertTrue(e.fatal());
        assertTrue(e.getMessage().contains("frame length 1001 outside [12, 1000]"), e.getMessage());
        assertEquals(64, decoder.capacity(), "no allocation for a hostile length");
    }

    @Test
    void negativeAndTooShortLengthsAreRejected() {
        for (int length : new int[] {-1, Integer.MIN_VALUE, 0, 11}) {
            FrameDecoder decoder = new FrameDecoder(1000, 64);
            decoder.writable().putInt(length);
            ProtocolException e = assertThrows(ProtocolException.class, decoder::next);
            assertTrue(e.getMessage().contains("frame length " + length), e.getMessage());
        }
    }

    @Test
    void wrongMagicIsRejectedAsSoonAsItsBytesArrive() {
        FrameDecoder decoder = new FrameDecoder(1000, 64);
        decoder.writable().putInt(20).putShort((short) 0x4745);
        ProtocolException e = assertThrows(ProtocolException.class, decoder::next);
        assertTrue(e.getMessage().contains("wrong magic 0x4745"), e.getMessage());
        assertEquals(Wire.ERROR_PROTOCOL, e.errorCode());
    }

    @Test
    void unknownVersionIsRejectedWithItsOwnCode() {
        FrameDecoder decoder = new FrameDecoder(1000, 64);
        decoder.writable().putInt(20).putShort(Wire.MAGIC).put((byte) 1);
        ProtocolException e = assertThrows(ProtocolException.class, decoder::next);
        assertTrue(e.getMessage().contains("unsupported protocol version 1; supported: 2"), e.getMessage());
        assertEquals(Wire.ERROR_UNSUPPORTED_VERSION, e.errorCode());
    }

    @Test
    void aTruncatedFrameWaitsAndIsReportedAsPartial() throws Exception {
        byte[] bytes = frames(1);
        FrameDecoder decoder = new FrameDecoder(1000, 64);
        decoder.writable().put(bytes, 0, bytes.length - 1);
        assertFalse(decoder.next());
        assertTrue(decoder.hasPartialFrame());
        decoder.writable().put(bytes[bytes.length - 1]);
        assertTrue(decoder.next());
        assertFalse(decoder.hasPartialFrame());
    }
}
