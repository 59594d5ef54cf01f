package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code registry} and {@code beat} together over loopback, both in-process on named threads: the
 * registration appears, and disappears when the beat command is stopped (its disconnect).
 */
class RegistryAndBeatTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final Pattern LISTENING = Pattern.compile("listening on (tcp://127\\.0\\.0\\.1:\\d+)");

    @Test
    void aBeatRegistersAndItsStopDisconnects() throws Exception {
        Console registry = new Console();
        Console beat = new Console();
        CommandThread registryThread = CommandThread.start(
                "test-registry", registry, "registry", "--port", "0", "--timeout", "3s", "--service", "orders");
        CommandThread beatThread = null;
        try {
            registry.awaitOut(LISTENING.asPredicate(), BOUND, "the registry listens");
            Matcher listening = LISTENING.matcher(registry.out());
            assertTrue(listening.find());
            String uri = listening.group(1);

            beatThread = CommandThread.start(
                    "test-beat", beat, "beat", "--registry", uri, "--id", "orders-7", "--service", "orders");
            registry.awaitOut(out -> out.contains("registered orders/orders-7 (1 alive)"), BOUND, "registered");
            beat.awaitOut(
                    out -> out.contains("established with registry registry at " + uri + ": lease 3s"),
                    BOUND,
                    "the beat command prints established");

            beatThread.interrupt();
            assertEquals(0, beatThread.exitCode(BOUND), beat.out());
            registry.awaitOut(out -> out.contains("disconnected orders/orders-7 (0 alive)"), BOUND, "disconnected");
            assertTrue(beat.out().contains("stopped: the disconnect was sent"), beat.out());
            assertFalse(registry.out().contains("expired"), "it left by disconnect, not by expiry: " + registry.out());
        } finally {
            if (beatThread != null) {
                beatThread.interrupt();
                beatThread.exitCode(BOUND);
            }
            registryThread.interrupt();
        }
        assertEquals(0, registryThread.exitCode(BOUND), registry.out());
        assertTrue(registry.out().contains("closed"), registry.out());
    }

    @Test
    void aRegistrantThatStopsBeatingExpires() throws Exception {
        Console registry = new Console();
        CommandThread registryThread =
                CommandThread.start("test-registry", registry, "registry", "--port", "0", "--timeout", "300ms");
        try {
            registry.awaitOut(LISTENING.asPredicate(), BOUND, "the registry listens");
            Matcher listening = LISTENING.matcher(registry.out());
            assertTrue(listening.find());
            // beats once, then not for an hour: the registry drops it when its 300 ms lease passes
            Console beat = new Console();
            CommandThread beatThread = CommandThread.start(
                    "test-beat",
                    beat,
                    "beat",
                    "--registry",
                    listening.group(1),
                    "--id",
                    "once",
                    "--service",
                    "s",
                    "--interval",
                    "1h");
            registry.awaitOut(out -> out.contains("registered s/once"), BOUND, "registered");
            registry.awaitOut(
                    out -> out.contains("expired s/once: no beat within 300ms (0 alive)"),
                    BOUND,
                    "expired by the sweep");
            beatThread.interrupt();
            assertEquals(0, beatThread.exitCode(BOUND), beat.out());
        } finally {
            registryThread.interrupt();
        }
        assertEquals(0, registryThread.exitCode(BOUND), registry.out());
    }

    /** A command run on a named thread of its own. */
    static final class CommandThread {
        private final Thread thread;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        private CommandThread(String name, Console console, String... args) {
            thread = new Thread(
                    () -> {
                        try {
                            exit.complete(console.run(args));
                        } catch (Throwable e) {
                            exit.completeExceptionally(e);
                        }
                    },
                    name);
            thread.setDaemon(true);
        }

        static CommandThread start(String name, Console console, String... args) {
            CommandThread command = new CommandThread(name, console, args);
            command.thread.start();
            return command;
        }

        void interrupt() {
            thread.interrupt();
        }

        int exitCode(Duration bound) throws Exception {
            int code = exit.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            thread.join(bound.toMillis());
            return code;
        }
    }
}
