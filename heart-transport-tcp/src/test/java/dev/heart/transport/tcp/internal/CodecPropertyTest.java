package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.heart.api.LeaseToken;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Every request and response survives encoding and decoding unchanged. */
class CodecPropertyTest {

    /** Any code points, surrogate pairs included, but no unpaired surrogates (they are not text). */
    private static Gen<String> text(int maxLength) {
        return strings()
                .betweenCodePoints(0, 0x10FFFF)
                .ofLengthBetween(0, maxLength)
                .map(s -> s.codePoints()
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
    }

    private static Gen<String> nonBlank(int maxLength) {
        return text(maxLength).map(s -> "x" + s);
    }

    private static Gen<Map<String, String>> attributes() {
        return lists().of(text(12)).ofSizeBetween(0, 20).zip(text(40), (keys, value) -> {
            Map<String, String> map = new LinkedHashMap<>();
            for (String key : keys) {
                map.put(key, value + key.length());
            }
            return map;
        });
    }

    private static Gen<URI> uris() {
        return integers().between(1, 65535).map(port -> URI.create("tcp://host-" + port + ".example:" + port));
    }

    /** No token for a third of the seeds, else 1 to 255 bytes derived from the seed. */
    private static LeaseToken token(long seed) {
        if (seed % 3 == 1) {
            return null;
        }
        byte[] bytes = new byte[1 + (int) (seed % 255)];
        new java.util.Random(seed).nextBytes(bytes);
        return LeaseToken.of(bytes);
    }

    @Test
    void requestsRoundTrip() {
        qt().withExamples(300)
                .forAll(nonBlank(20), nonBlank(20), attributes(), longs().between(0, Long.MAX_VALUE))
                .checkAssert((id, type, attributes, deadline) -> {
                    Request request =
                            new Request(new RegistrantInfo(id, type, attributes), deadline % 2 == 0, token(deadline));
                    try {
                        assertEquals(request, CodecTest.roundTrip(request, deadline));
                    } catch (ProtocolException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void responsesRoundTrip() {
        qt().withExamples(300)
                .forAll(
                        nonBlank(20),
                        attributes(),
                        lists().of(uris()).ofSizeBetween(0, 50),
                        longs().between(0, Long.MAX_VALUE))
                .checkAssert((id, attributes, candidates, timeout) -> {
                    RegistryInfo registry =
                            new RegistryInfo(id, "svc-" + id.length(), URI.create("tcp://r:1"), candidates, attributes);
                    boolean reject = timeout % 3 == 0;
                    RejectReason[] reasons = RejectReason.values();
                    Response response = new Response(
                            registry,
                            Duration.ofNanos(timeout),
                            reject,
                            reject ? reasons[(int) (timeout % reasons.length)] : null,
                            token(timeout));
                    try {
                        assertEquals(response, CodecTest.roundTrip(response));
                    } catch (ProtocolException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void utf8LengthIsExactForAnyString() {
        qt().withExamples(500)
                .forAll(strings().allPossible().ofLengthBetween(0, 50))
                .checkAssert(s -> {
                    List<Integer> units = s.chars().boxed().collect(Collectors.toList());
                    assertEquals(
                            s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                            Utf8.length(s),
                            () -> "utf-8 length of " + units);
                });
    }
}
