package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Random and mutated bytes never break the decoder: only protocol errors, bounded memory. */
class DecoderPropertyTest {

    private static Gen<byte[]> randomBytes() {
        return lists().of(integers().between(0, 255)).ofSizeBetween(0, 600).map(DecoderPropertyTest::bytes);
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).byteValue();
        }
        return bytes;
    }

    @Test
    void randomBytesOnlyEverYieldProtocolErrors() {
        qt().withExamples(2000).forAll(randomBytes()).checkAssert(DecoderFuzzing::decodeAll);
    }

    @Test
    void mutatedValidFramesOnlyEverYieldProtocolErrors() {
        byte[] valid = FrameDecoderTest.frames(3);
        assertEquals(3, DecoderFuzzing.decodeAll(valid), "the unmutated input decodes");
        qt().withExamples(3000)
                .forAll(
                        integers().between(0, valid.length - 1),
                        integers().between(0, 255),
                        integers().between(0, valid.length))
                .checkAssert((position, value, cut) -> {
                    byte[] mutated = valid.clone();
                    mutated[position] = value.byteValue();
                    DecoderFuzzing.decodeAll(java.util.Arrays.copyOf(mutated, cut));
                });
    }
}
