package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The demo in a quick mode: a restart halfway, every heart rides through it, a good summary. */
class DemoCommandTest {

    @Test
    void aQuickDemoEndsWithAGoodSummary() {
        Console.Result result = Console.exec("demo", "--hearts", "50", "--duration", "3s");
        assertEquals(0, result.code(), result::toString);
        String out = result.out();
        assertTrue(out.contains("50 hearts beating"), result::toString);
        assertTrue(out.contains("restarting the registry on tcp://127.0.0.1:"), result::toString);
        assertTrue(
                out.lines().anyMatch(line -> line.matches("\\s*[0-9.]+s\\s+established \\d+/50 .*")),
                "a progress line: " + result);
        assertTrue(out.contains("summary: the registry restarted once"), result::toString);
        assertTrue(out.contains("50 started, 50 established at the end"), result::toString);
        assertTrue(out.contains("0 registrants after the hearts disconnected"), result::toString);
        assertTrue(out.contains("demo ok: all 50 hearts rode through the registry restart"), result::toString);
    }
}
