package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.cli.RegistryAndBeatTest.CommandThread;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code beat} started before its registry is up keeps trying (it used to exit 1 after four
 * attempts) and registers once the registry comes up on that port.
 */
class BeatRidesThroughTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aBeatStartedBeforeItsRegistryRegistersWhenTheRegistryComesUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String uri = "tcp://127.0.0.1:" + port;
        Console beat = new Console();
        CommandThread beatThread = CommandThread.start(
                "test-beat", beat, "beat", "--registry", uri, "--id", "early", "--service", "orders");
        CommandThread registryThread = null;
        try {
            beat.awaitOut(
                    out -> out.lines()
                                    .filter(line -> line.contains("attempt") && line.contains("failed"))
                                    .count()
                            >= 8,
                    BOUND,
                    "the beat keeps failing while nothing listens");
            assertFalse(
                    beat.out().contains("refused for good") || beat.out().contains("the beater stopped"), beat.out());

            Console registry = new Console();
            registryThread = CommandThread.start(
                    "test-registry",
                    registry,
                    "registry",
                    "--port",
                    Integer.toString(port),
                    "--timeout",
                    "3s",
                    "--service",
                    "orders");
            registry.awaitOut(out -> out.contains("registered orders/early"), BOUND, "registered once it is up");
            beat.awaitOut(out -> out.contains("established with registry"), BOUND, "the beat command sees it");

            beatThread.interrupt();
            assertEquals(0, beatThread.exitCode(BOUND), beat.out());
            assertTrue(beat.out().contains("stopped"), beat.out());
        } finally {
            beatThread.interrupt();
            if (registryThread != null) {
                registryThread.interrupt();
                registryThread.exitCode(BOUND);
            }
        }
    }
}
