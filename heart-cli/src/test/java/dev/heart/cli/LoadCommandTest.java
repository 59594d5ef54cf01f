package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistryInfo;
import dev.heart.cli.registry.TcpLeaseRegistry;
import dev.heart.registry.LeaseRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code load} against an in-process registry on loopback: progress, a report, every heart registered. */
class LoadCommandTest {

    private static TcpLeaseRegistry registry(int capacity) {
        return TcpLeaseRegistry.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                uri -> LeaseRegistry.builder(RegistryInfo.of("r", "load", uri))
                        .capacity(capacity)
                        .lease(Duration.ofSeconds(2))
                        .build());
    }

    @Test
    void followsTheLeaseAndReports() {
        try (TcpLeaseRegistry registry = registry(100)) {
            Console.Result result =
                    Console.exec("load", "--registry", registry.uri().toString(), "--hearts", "20", "--duration", "2s");
            assertEquals(0, result.code(), result::toString);
            assertTrue(result.out().contains("load: 20 hearts against " + registry.uri()), result::toString);
            // hearts start spread over the first second: the first line may not count them all yet
            assertTrue(
                    result.out().lines().anyMatch(line -> line.matches("\\s*[0-9.]+s\\s+established \\d+/20 .*")),
                    "a progress line: " + result);
            assertTrue(result.out().contains("report:"), result::toString);
            assertTrue(result.out().contains("20 started, 20 established at the end"), result::toString);
            assertTrue(result.out().contains("failures     none"), result::toString);
            assertEquals(0, registry.registry().size(), "every heart disconnected at the end");
        }
    }

    @Test
    void aFullRegistryShowsAsRejections() {
        try (TcpLeaseRegistry registry = registry(5)) {
            Console.Result result = Console.exec(
                    "load",
                    "--registry",
                    registry.uri().toString(),
                    "--hearts",
                    "8",
                    "--duration",
                    "1s",
                    "--interval",
                    "200ms");
            assertEquals(0, result.code(), result::toString);
            // the 3 turned away keep asking, after a backoff: a full registry never ends a beating
            assertTrue(result.out().contains("8 started, 8 established at the end, 0 ended"), result::toString);
            java.util.regex.Matcher rejected =
                    java.util.regex.Pattern.compile(", (\\d+) rejected").matcher(result.out());
            assertTrue(rejected.find() && Integer.parseInt(rejected.group(1)) > 3, result::toString);
        }
    }

    @Test
    void anUnreachableRegistryFailsWithoutAStackTrace() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Console.Result result =
                Console.exec("load", "--registry", "tcp://127.0.0.1:" + port, "--hearts", "2", "--duration", "1s");
        assertEquals(Main.FAILED, result.code(), result::toString);
        assertTrue(result.err().contains("no beat was answered"), result::toString);
        assertTrue(
                result.out().contains("ConnectException") || result.out().contains("TransportException"),
                result::toString);
    }
}
