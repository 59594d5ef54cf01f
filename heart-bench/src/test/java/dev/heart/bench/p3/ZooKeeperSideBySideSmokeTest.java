package dev.heart.bench.p3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * P3 at a tiny N (50 registrants, a 3 s window): both sides run in their child JVMs against their
 * real ZooKeeper servers, the summary line has its shape, both sides held every registrant, and
 * no child process outlives the figure. No timing or CPU figure is asserted.
 */
class ZooKeeperSideBySideSmokeTest {
    private static final Pattern LINE = Pattern.compile("P3 n=(\\d+) heart_held=(-?\\d+) curator_held=(-?\\d+)"
            + " heart_threads=(-?\\d+) curator_threads=(-?\\d+) client_cpu_ratio=(\\S+) zk_cpu_ratio=(\\S+)");
    private static final String RATIO = "\\d+\\.\\d\\d|NaN|Infinity";

    @Test
    @Timeout(300)
    void bothSidesHoldEveryRegistrantAndTheLineHasItsShape() throws Exception {
        ZooKeeperSideBySide.Result result =
                ZooKeeperSideBySide.measure(50, Duration.ofSeconds(1), Duration.ofSeconds(3));
        String line = result.line();
        assertTrue(result.measured(), "a side not measured: " + line);

        Matcher fields = LINE.matcher(line);
        assertTrue(fields.matches(), "not the P3 line: " + line);
        assertEquals("50", fields.group(1), line);
        assertEquals("50", fields.group(2), "heart_held: " + line);
        assertEquals("50", fields.group(3), "curator_held: " + line);
        assertTrue(Long.parseLong(fields.group(4)) > 0, "heart_threads: " + line);
        assertTrue(Long.parseLong(fields.group(5)) > 0, "curator_threads: " + line);
        assertTrue(fields.group(6).matches(RATIO), "client_cpu_ratio: " + line);
        assertTrue(fields.group(7).matches(RATIO), "zk_cpu_ratio: " + line);
        assertEquals(
                List.of(),
                ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList(),
                "child processes left running");
    }

    @Test
    void anUnknownOptionIsRefusedBeforeAnythingStarts() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> new ZooKeeperSideBySide().run(true, List.of("--size=5")));
        assertTrue(refused.getMessage().contains("--size"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ZooKeeperSideBySide().run(true, List.of("--window=0")));
    }
}
