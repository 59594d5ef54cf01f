package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.heart.api.RegistryInfo;
import dev.heart.api.Response;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryCacheTest {
    private static final RegistryInfo A =
            new RegistryInfo("a", "svc", URI.create("tcp://h:1"), List.of(URI.create("tcp://h:2")), Map.of("k", "v"));
    private static final RegistryInfo B = RegistryInfo.of("b", "svc", URI.create("tcp://h:3"));

    private static ByteBuffer payload(Response response, byte[] registry) throws ProtocolException {
        ByteBuffer frame = ByteBuffer.allocate(
                registry == null
                        ? Codec.responseFrameSize(response)
                        : Codec.responseFrameSize(response, registry.length));
        Codec.putResponse(frame, 1, response, registry);
        return CodecTest.decodeOne(frame.flip()).payload();
    }

    @Test
    void encodingIsDoneOncePerRegistryAndMatchesThePlainEncoder() throws Exception {
        RegistryCache cache = new RegistryCache();
        byte[] first = cache.encode(A);
        assertSame(first, cache.encode(A));
        assertSame(
                first,
                cache.encode(new RegistryInfo(
                        "a", "svc", URI.create("tcp://h:1"), List.of(URI.create("tcp://h:2")), Map.of("k", "v"))),
                "an equal registry reuses the bytes");
        Response response = Response.accept(A, Duration.ofSeconds(3));
        ByteBuffer cached = payload(response, first);
        ByteBuffer plain = payload(response, null);
        assertEquals(plain, cached);
        assertNotSame(first, cache.encode(B));
    }

    @Test
    void decodingReusesTheLastRegistryOnlyWhenTheBytesAreEqual() throws Exception {
        RegistryCache cache = new RegistryCache();
        Response first = Codec.readResponse(payload(Response.accept(A, Duration.ofSeconds(1)), null), cache);
        Response second = Codec.readResponse(payload(Response.reject(A), null), cache);
        assertEquals(Response.reject(A), second);
        assertSame(first.registry(), second.registry());
        Response third = Codec.readResponse(payload(Response.accept(B, Duration.ofSeconds(2)), null), cache);
        assertEquals(Response.accept(B, Duration.ofSeconds(2)), third);
    }

    @Test
    void largeRegistriesAreNotCachedButStillRoundTrip() throws Exception {
        RegistryInfo large =
                new RegistryInfo("l", "svc", URI.create("tcp://h:1"), List.of(), Map.of("big", "x".repeat(10_000)));
        RegistryCache cache = new RegistryCache();
        assertNull(cache.encode(large));
        Response response = Response.accept(large, Duration.ofSeconds(1));
        Response once = Codec.readResponse(payload(response, null), cache);
        Response twice = Codec.readResponse(payload(response, null), cache);
        assertEquals(response, once);
        assertEquals(response, twice);
        assertNotSame(once.registry(), twice.registry());
        assertArrayEquals(cache.encode(A), cache.encode(A));
    }
}
