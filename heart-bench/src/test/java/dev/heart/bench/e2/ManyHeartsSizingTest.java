package dev.heart.bench.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistryInfo;
import dev.heart.registry.LeaseRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * E2's registry is sized for the run in count and bytes, checked before any heart starts, and a run
 * that does not keep every heart alive fails (exit 1, the reason last) instead of printing figures
 * of the survivors. No timing is asserted.
 */
class ManyHeartsSizingTest {
    private static final URI TARGET = URI.create("mem://e2-sizing");
    private static final int MILLION = 1_000_000;

    @Test
    void aMillionHeartsGetTheBytesTheRegistryCountsForThem() {
        RegistrySizing sizing = RegistrySizing.forRun(MILLION, ManyHearts.SERVICE, TARGET);
        // heart-999999 of service bench: 160 + 2 * (12 + 5) = 194 B as the registry counts it
        assertEquals(194, sizing.bytesPerHeart(), sizing::toString);
        assertEquals(MILLION, sizing.capacity());
        assertEquals(194L * MILLION, sizing.maxBytes());
        assertTrue(sizing.maxBytes() > 64L << 20, "more than the default budget, which holds ~346,000 of them");
        sizing.check(
                LeaseRegistry.builder(RegistryInfo.of("r", ManyHearts.SERVICE, TARGET))
                        .capacity(sizing.capacity())
                        .maxBytes(sizing.maxBytes())
                        .build(),
                ManyHearts.SERVICE,
                TARGET);
    }

    @Test
    void aRegistryWithTheDefaultBudgetIsRefusedBeforeTheStart() {
        RegistrySizing sizing = RegistrySizing.forRun(MILLION, ManyHearts.SERVICE, TARGET);
        LeaseRegistry defaults = LeaseRegistry.builder(RegistryInfo.of("r", ManyHearts.SERVICE, TARGET))
                .capacity(MILLION)
                .build(); // what E2 built before: the count, not the bytes
        RegistrySizing defaultBudget = new RegistrySizing(MILLION, sizing.bytesPerHeart(), MILLION, 64L << 20);
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> defaultBudget.check(defaults, ManyHearts.SERVICE, TARGET));
        assertTrue(
                refused.getMessage().contains("byte budget 67108864 B holds fewer than 1000000 hearts of 194 B"),
                refused.getMessage());
        IllegalStateException small = assertThrows(
                IllegalStateException.class,
                () -> sizing.check(
                        LeaseRegistry.builder(RegistryInfo.of("r", ManyHearts.SERVICE, TARGET))
                                .build(),
                        ManyHearts.SERVICE,
                        TARGET));
        assertTrue(small.getMessage().contains("capacity 10000 is below the 1000000 hearts"), small.getMessage());
    }

    @Test
    void fewerThanAllAliveIsAFailureNamingHowMany() {
        assertNull(ManyHearts.failure(MILLION, MILLION, MILLION, 0));
        String failure = ManyHearts.failure(MILLION, 347_067, 347_067, 652_933);
        assertTrue(failure.startsWith("E2 FAILED: 347067 of 1000000 hearts alive when the window closed"), failure);
        assertTrue(failure.contains("652933 requests rejected by the registry"), failure);
    }

    /** A small real run: every heart alive, exit 0, the summary line last. */
    @Test
    void aSmallRunKeepsEveryHeartAliveAndEndsWithItsSummary() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = new ManyHearts()
                    .run(true, List.of("--hearts=200", "--interval-ms=200", "--seconds=2", "--progress-seconds=1"));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("E2 registry sized for the run: capacity 200, maxBytes 37600 (188 B per heart"), out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("E2 hearts=200 alive=200 "), out);
    }
}
