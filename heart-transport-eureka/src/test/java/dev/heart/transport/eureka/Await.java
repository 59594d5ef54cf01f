package dev.heart.transport.eureka;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

/** Bounded waits for an event; never an assertion on speed. */
final class Await {
    static final Duration BOUND = Duration.ofSeconds(60);

    /** A condition that may throw (an HTTP probe). */
    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    static void until(String what, Condition condition) throws Exception {
        until(what, BOUND, condition);
    }

    static void until(String what, Duration bound, Condition condition) throws Exception {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - end > 0) {
                fail("not within " + bound + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
