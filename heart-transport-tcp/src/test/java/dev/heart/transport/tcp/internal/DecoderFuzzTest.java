package dev.heart.transport.tcp.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of the frame decoder and payload codec. Without {@code JAZZER_FUZZ=1} it runs
 * in regression mode: every input of the committed seed corpus
 * ({@code src/test/resources/dev/heart/transport/tcp/internal/DecoderFuzzTestInputs/decode}) once.
 */
class DecoderFuzzTest {

    @FuzzTest
    void decode(byte[] data) {
        DecoderFuzzing.decodeAll(data);
    }
}
