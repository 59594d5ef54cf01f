package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.LeaseToken;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {

    static ByteBuffer encodeRequest(long id, Request request, long deadline) {
        ByteBuffer out = ByteBuffer.allocate(Codec.requestFrameSize(request));
        Codec.putRequest(out, id, request, deadline);
        assertFalse(out.hasRemaining(), "requestFrameSize must be exact");
        return out.flip();
    }

    static ByteBuffer encodeResponse(long id, Response response) {
        ByteBuffer out = ByteBuffer.allocate(Codec.responseFrameSize(response));
        Codec.putResponse(out, id, response);
        assertFalse(out.hasRemaining(), "responseFrameSize must be exact");
        return out.flip();
    }

    /** Decodes one whole frame from {@code frame} through a FrameDecoder. */
    static FrameDecoder decodeOne(ByteBuffer frame) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(Wire.DEFAULT_MAX_FRAME_SIZE, 64);
        while (frame.hasRemaining()) {
            ByteBuffer in = decoder.writable();
            int n = Math.min(in.remaining(), frame.remaining());
            in.put(frame.array(), frame.position(), n);
            frame.position(frame.position() + n);
        }
        assertTrue(decoder.next(), "a whole frame");
        return decoder;
    }

    static Request roundTrip(Request request, long deadline) throws ProtocolException {
        FrameDecoder decoder = decodeOne(encodeRequest(42, request, deadline));
        assertEquals(Wire.KIND_REQUEST, decoder.kind());
        assertEquals(42, decoder.id());
        IncomingRequest incoming = Codec.readRequest(decoder.id(), decoder.payload());
        assertEquals(deadline, incoming.deadlineNanos());
        return incoming.request();
    }

    static Response roundTrip(Response response) throws ProtocolException {
        FrameDecoder decoder = decodeOne(encodeResponse(Long.MAX_VALUE, response));
        assertEquals(Wire.KIND_RESPONSE, decoder.kind());
        assertEquals(Long.MAX_VALUE, decoder.id());
        return Codec.readResponse(decoder.payload());
    }

    @Test
    void requestWithUnicodeAndAttributesRoundTrips() throws Exception {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("zone", "eu-west-1");
        attributes.put("名前", "値 ✓ 😀");
        attributes.put("", "");
        Request request = new Request(new RegistrantInfo("hé-😀-1", "服务", attributes), true);
        Request decoded = roundTrip(request, 1_500_000_000L);
        assertEquals(request, decoded);
        assertEquals(
                List.copyOf(attributes.keySet()),
                List.copyOf(decoded.registrant().attributes().keySet()),
                "attribute order is kept");
    }

    @Test
    void requestWithEmptyAndLargeAttributesRoundTrips() throws Exception {
        assertEquals(Fixtures.beat("a"), roundTrip(Fixtures.beat("a"), 0));
        Map<String, String> large = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            large.put("key-" + i, "v".repeat(i % 97) + "é");
        }
        large.put("big", "x".repeat(300_000));
        Request request = new Request(new RegistrantInfo("a", "svc", large), false);
        assertEquals(request, roundTrip(request, Long.MAX_VALUE));
    }

    @Test
    void responseWithManyCandidatesRoundTrips() throws Exception {
        List<URI> candidates = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            candidates.add(URI.create("tcp://10.0." + (i / 250) + "." + (i % 250) + ":7070"));
        }
        candidates.add(URI.create("tcp://[::1]:7071"));
        RegistryInfo registry = new RegistryInfo(
                "reg-ü", "svc", URI.create("tcp://example.org:7070"), candidates, Map.of("leader", "true", "空", ""));
        Response accept = Response.accept(registry, Duration.ofMillis(1234).plusNanos(5));
        assertEquals(accept, roundTrip(accept));
        Response reject = Response.reject(RegistryInfo.of("r", "s", URI.create("tcp://h:1")));
        assertEquals(reject, roundTrip(reject));
    }

    @Test
    void hugeDurationsSaturate() {
        assertEquals(Long.MAX_VALUE, Codec.nanos(Duration.ofDays(365L * 1000)));
        assertEquals(5, Codec.nanos(Duration.ofNanos(5)));
    }

    @Test
    void errorFrameCarriesCodeAndMessage() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(Codec.errorFrameSize("boom ✗"));
        Codec.putError(out, 9, Wire.ERROR_HANDLER_FAILED, "boom ✗");
        FrameDecoder decoder = decodeOne(out.flip());
        assertEquals(Wire.KIND_ERROR, decoder.kind());
        assertEquals(9, decoder.id());
        assertEquals("HANDLER_FAILED: boom ✗", Codec.readError(decoder.payload()));
    }

    @Test
    void exampleOfTheWireProtocolDocumentIsExact() {
        byte[] token = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        ByteBuffer frame = encodeRequest(7, Fixtures.beat("a").withToken(LeaseToken.of(token)), 1_000_000_000L);
        String expected = "00000036" + "48420201" + "0000000000000007" + "000000003b9aca00" + "00" + "10"
                + "000102030405060708090a0b0c0d0e0f" + "0000000161" + "00000003737663" + "00000000";
        assertEquals(expected, HexFormat.of().formatHex(frame.array()));
    }

    @Test
    void tokensAndRejectReasonsRoundTrip() throws Exception {
        LeaseToken token = LeaseToken.of(new byte[] {1, 2, 3, (byte) 0xFF});
        Request request = Fixtures.beat("t").withToken(token).asDisconnect();
        ByteBuffer frame = encodeRequest(4, request, 0);
        FrameDecoder decoder = decodeOne(frame);
        assertEquals(request, Codec.readRequest(4, decoder.payload()).request());
        LeaseToken longest = LeaseToken.of(new byte[255]);
        assertEquals(
                longest,
                Codec.readRequest(
                                4,
                                decodeOne(encodeRequest(4, Fixtures.beat("t").withToken(longest), 0))
                                        .payload())
                        .request()
                        .token());

        RegistryInfo registry = RegistryInfo.of("r", "s", URI.create("tcp://h:1"));
        Response accepted = Response.accept(registry, Duration.ofSeconds(3), token);
        assertEquals(accepted, roundTrip(accepted));
        for (RejectReason reason : RejectReason.values()) {
            Response rejected = Response.reject(registry, reason);
            assertEquals(rejected, roundTrip(rejected), reason::name);
        }
    }

    @Test
    void aRejectionWithoutReasonOrAnAcceptanceWithOneIsMalformed() throws Exception {
        RegistryInfo registry = RegistryInfo.of("r", "s", URI.create("tcp://h:1"));
        int reasonAt = Wire.LENGTH_BYTES + Wire.HEADER_BYTES + 1;
        ByteBuffer rejected = encodeResponse(1, Response.reject(registry, RejectReason.CAPACITY));
        rejected.put(reasonAt, (byte) 0);
        ProtocolException none = assertThrows(
                ProtocolException.class,
                () -> Codec.readResponse(decodeOne(rejected).payload()));
        assertTrue(none.getMessage().contains("rejection without a reason"), none.getMessage());
        ByteBuffer accepted = encodeResponse(1, Response.accept(registry, Duration.ZERO));
        accepted.put(reasonAt, Wire.REASON_FORBIDDEN);
        ProtocolException reason = assertThrows(
                ProtocolException.class,
                () -> Codec.readResponse(decodeOne(accepted).payload()));
        assertTrue(reason.getMessage().contains("reject reason 3 on an acceptance"), reason.getMessage());
        ByteBuffer future = encodeResponse(1, Response.reject(registry, RejectReason.CAPACITY));
        future.put(reasonAt, (byte) 200);
        assertEquals(
                RejectReason.UNSPECIFIED,
                Codec.readResponse(decodeOne(future).payload()).rejectReason(),
                "a reason this version does not know reads as UNSPECIFIED");
    }

    @Test
    void malformedPayloadsAreRejectedWithoutBreakingTheFrame() throws Exception {
        byte[] good = encodeRequest(3, Fixtures.beat("abc"), 10).array();
        int payload = Wire.LENGTH_BYTES + Wire.HEADER_BYTES;

        byte[] flags = good.clone();
        flags[payload + 8] = 2;
        assertMalformed(flags, "reserved flag");

        byte[] longString = good.clone();
        ByteBuffer.wrap(longString).putInt(payload + 10, 1000);
        assertMalformed(longString, "exceeds");

        byte[] longToken = good.clone();
        longToken[payload + 9] = (byte) 200;
        assertMalformed(longToken, "payload truncated");

        byte[] negativeDeadline = good.clone();
        ByteBuffer.wrap(negativeDeadline).putLong(payload, -1);
        assertMalformed(negativeDeadline, "negative deadline");

        byte[] blankId = encodeRequest(3, Fixtures.beat("abc"), 10).array();
        blankId[payload + 14] = ' ';
        blankId[payload + 15] = ' ';
        blankId[payload + 16] = ' ';
        assertMalformed(blankId, "id must not be blank");

        byte[] hugeCount = good.clone();
        ByteBuffer.wrap(hugeCount).putInt(hugeCount.length - 4, Integer.MAX_VALUE);
        assertMalformed(hugeCount, "count of attributes");
    }

    @Test
    void trailingBytesAndDuplicateKeysAreMalformed() {
        ByteBuffer payload = ByteBuffer.allocate(64);
        payload.putLong(5).put((byte) 0).put((byte) 0);
        putString(payload, "a");
        putString(payload, "s");
        payload.putInt(2);
        putString(payload, "k");
        putString(payload, "1");
        putString(payload, "k");
        putString(payload, "2");
        ProtocolException duplicate = assertThrows(ProtocolException.class, () -> Codec.readRequest(1, payload.flip()));
        assertTrue(duplicate.getMessage().contains("duplicate attribute key 'k'"), duplicate.getMessage());
        assertFalse(duplicate.fatal());

        ByteBuffer trailing = ByteBuffer.allocate(64);
        trailing.putLong(5).put((byte) 0).put((byte) 0);
        putString(trailing, "a");
        putString(trailing, "s");
        trailing.putInt(0).put((byte) 9);
        ProtocolException extra = assertThrows(ProtocolException.class, () -> Codec.readRequest(1, trailing.flip()));
        assertTrue(extra.getMessage().contains("1 unexpected bytes"), extra.getMessage());
    }

    @Test
    void utf8LengthMatchesTheJdkIncludingUnpairedSurrogates() {
        for (String s : List.of("", "abc", "é", "€", "😀", "a\uD800b", "\uDC00", "x\uD83D", "\uD83D\uDE00\uD83D")) {
            byte[] jdk = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ByteBuffer ours = ByteBuffer.allocate(Utf8.length(s));
            Utf8.put(ours, s);
            assertArrayEquals(
                    jdk,
                    ours.array(),
                    () -> "encoding of " + s.codePoints().boxed().toList());
        }
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.putInt(bytes.length).put(bytes);
    }

    private static void assertMalformed(byte[] frame, String expected) throws ProtocolException {
        FrameDecoder decoder = decodeOne(ByteBuffer.wrap(frame));
        ProtocolException e =
                assertThrows(ProtocolException.class, () -> Codec.readRequest(decoder.id(), decoder.payload()));
        assertFalse(e.fatal(), "a malformed payload keeps the connection");
        assertEquals(Wire.ERROR_BAD_REQUEST, e.errorCode());
        assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " should contain " + expected);
    }

    @Test
    void anErrorQuotesAtMostAnExcerptOfThePeersInputAndAnErrorFrameStaysSmall() {
        byte[] frame = SmallHeapHostileTest.requestWhoseErrorWouldEchoAMebibyte();
        ByteBuffer payload = ByteBuffer.wrap(
                        frame,
                        Wire.LENGTH_BYTES + Wire.HEADER_BYTES,
                        frame.length - Wire.LENGTH_BYTES - Wire.HEADER_BYTES)
                .slice();
        ProtocolException e = assertThrows(ProtocolException.class, () -> Codec.readRequest(1, payload));
        assertTrue(
                e.getMessage().contains("value of attribute 'kkk")
                        && e.getMessage().contains("chars)"),
                e.getMessage().substring(0, Math.min(200, e.getMessage().length())));
        assertTrue(e.getMessage().length() < 300, "message of " + e.getMessage().length() + " chars");
        String huge = "x".repeat(1 << 20);
        assertTrue(Codec.errorFrameSize(PeerText.errorMessage(huge)) <= 4 * PeerText.MAX_ERROR_MESSAGE_CHARS + 64);
        assertEquals("a?b", PeerText.excerpt("a\u001bb"));
    }
}
